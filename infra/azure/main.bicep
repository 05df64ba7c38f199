metadata description = '''
SagaBridge on Azure: a Function App on Flex Consumption running Durable Functions on Azure Storage,
Key Vault, Application Insights, and the Azure ML completion events.'''

@description('Prefix of every resource name; lower-case letters and digits.')
@minLength(3)
@maxLength(11)
param baseName string = 'sagabridge'

@description('Region of every resource created here.')
param location string = resourceGroup().location

@description('Durable task hub in the storage account; another name lets a second app share it.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'SagaBridgeHub'

@description('Folder of transaction definition files, relative to the deployed app root.')
param definitionsPath string = 'definitions'

@description('JSON file of timer schedules, relative to the deployed app root.')
param schedulesPath string = 'schedules.json'

@description('Most instances the Flex Consumption plan may scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Name of the existing Azure ML workspace whose pipeline jobs SagaBridge submits.')
param azureMlWorkspaceName string

@description('Resource group of that workspace (defaults to this one).')
param azureMlResourceGroup string = resourceGroup().name

@description('Region of that workspace (defaults to this deployment\'s region).')
param azureMlLocation string = location

@description('''
Create the Event Grid subscription to the callback endpoint. Event Grid checks the endpoint with a
validation handshake when the subscription is created, so set this only once the app code is
deployed and running.''')
param subscribeToAzureMlEvents bool = false

@description('''
Workload identity pool provider audience (printed by infra/gcp/deploy.sh):
//iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER
''')
param googleWorkloadIdentityAudience string

@description('''
Application ID URI of the Entra app registration the managed identity requests a token for; the
GCP provider trusts this audience.''')
param googleSubjectTokenAudience string

@description('E-mail of the Google service account the app impersonates after federation.')
param googleServiceAccountEmail string

@description('''
Key that signs per-step callback URLs: 32 random bytes or more, base64. Changing it invalidates
the callback URLs already handed out.''')
@secure()
@minLength(32)
param callbackSigningKey string

@description('Shared secret Event Grid sends in the x-sagabridge-secret header.')
@secure()
@minLength(32)
param eventGridSecret string

var suffix = uniqueString(resourceGroup().id, baseName)
var storageAccountName = take('${baseName}${suffix}', 24)
var keyVaultName = take('kv-${baseName}-${suffix}', 24)
var functionAppName = 'func-${baseName}-${suffix}'
var deploymentContainerName = 'app-package'
var callbackSigningKeySecretName = 'callback-signing-key'
var eventGridSecretName = 'eventgrid-secret'
var callbackEndpointPath = '/api/callbacks/eventgrid'

// Versionless secret URIs, so a rotated secret reaches the app without a redeployment.
func keyVaultReference(secretUri string) string => '@Microsoft.KeyVault(SecretUri=${secretUri})'

// Built-in role definition ids; Durable Functions on Azure Storage needs blobs (leases,
// large messages), queues (work items) and tables (history and instances).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${baseName}-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${baseName}-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    // Every client (the Functions host, Durable Functions, the deployment) uses the app's
    // managed identity, so account keys stay switched off.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'

  resource deploymentContainer 'containers' = {
    name: deploymentContainerName
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource signingKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: callbackSigningKeySecretName
  properties: {
    value: callbackSigningKey
  }
}

resource eventGridSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: eventGridSecretName
  properties: {
    value: eventGridSecret
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${baseName}-${suffix}'
  location: location
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
  dependsOn: [
    blobService::deploymentContainer
  ]
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in [
    roles.storageBlobDataOwner
    roles.storageQueueDataContributor
    roles.storageTableDataContributor
  ]: {
    name: guid(storage.id, functionApp.id, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: functionApp.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

// Scoped to the two secrets rather than the vault: the app can read these and nothing else
// stored there later.
resource signingKeyReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(signingKeySecret.id, functionApp.id, roles.keyVaultSecretsUser)
  scope: signingKeySecret
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.keyVaultSecretsUser
    )
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource eventGridSecretReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eventGridSecretSecret.id, functionApp.id, roles.keyVaultSecretsUser)
  scope: eventGridSecretSecret
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.keyVaultSecretsUser
    )
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The names below are exactly AppSettingNames.All in src/FunctionApp; a test compares them.
// Flex Consumption takes the runtime from functionAppConfig, so FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION must not be set here.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__accountName: storage.name
    SAGABRIDGE_TASK_HUB: taskHubName
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    SagaBridge__DefinitionsPath: definitionsPath
    SagaBridge__SchedulesPath: schedulesPath
    SagaBridge__Google__WorkloadIdentityAudience: googleWorkloadIdentityAudience
    SagaBridge__Google__SubjectTokenAudience: googleSubjectTokenAudience
    SagaBridge__Google__ServiceAccountEmail: googleServiceAccountEmail
    SagaBridge__Callbacks__BaseUrl: 'https://${functionApp.properties.defaultHostName}'
    SagaBridge__Callbacks__SigningKey: keyVaultReference(signingKeySecret.properties.secretUri)
    SagaBridge__EventGrid__Secret: keyVaultReference(eventGridSecretSecret.properties.secretUri)
  }
  // The host reads the task hub and resolves the Key Vault references at start; granting the
  // roles first spares it a start that fails for lack of access.
  dependsOn: [
    storageRoleAssignments
    signingKeyReader
    eventGridSecretReader
  ]
}

var callbackEndpoint = 'https://${functionApp.properties.defaultHostName}${callbackEndpointPath}'
var hostKeysId = '${functionApp.id}/host/default'

module azureMl 'modules/azure-ml-events.bicep' = {
  name: 'sagabridge-azure-ml-${suffix}'
  scope: resourceGroup(azureMlResourceGroup)
  params: {
    workspaceName: azureMlWorkspaceName
    workspaceLocation: azureMlLocation
    appResourceId: functionApp.id
    appPrincipalId: functionApp.identity.principalId
    subscribe: subscribeToAzureMlEvents
    callbackEndpointUrl: subscribeToAzureMlEvents
      ? '${callbackEndpoint}?code=${listKeys(hostKeysId, '2024-04-01').functionKeys.default}'
      : ''
    eventGridSecret: eventGridSecret
  }
  dependsOn: [
    appSettings
  ]
}

@description('Name of the Function App, for `func azure functionapp publish`.')
output functionAppName string = functionApp.name

@description('Object id of the app\'s managed identity: infra/gcp/deploy.sh --azure-object-id.')
output principalId string = functionApp.identity.principalId

@description('Public base URL of the app; the HTTP API lives under /api.')
output baseUrl string = 'https://${functionApp.properties.defaultHostName}'

@description('Storage account of the task hub and the deployment package.')
output storageAccountName string = storage.name

@description('Key Vault holding the callback signing key and the Event Grid secret.')
output keyVaultName string = keyVault.name
