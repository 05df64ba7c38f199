metadata description = '''
Lets the SagaBridge app submit and cancel jobs in an existing Azure ML workspace, and routes the
workspace's run events to the app's callback endpoint.'''

@description('Name of the existing Azure ML workspace in this resource group.')
param workspaceName string

@description('Region of the workspace; its system topic must live there.')
param workspaceLocation string

@description('Resource id of the Function App; seeds the role assignment name.')
param appResourceId string

@description('Object id of the Function App\'s managed identity.')
param appPrincipalId string

@description('Create the webhook subscription; the endpoint must answer the handshake by then.')
param subscribe bool

@description('Callback endpoint, function key in the query (`code`); empty if not subscribing.')
@secure()
param callbackEndpointUrl string

@description('Shared secret sent in the x-sagabridge-secret header of every delivery.')
@secure()
param eventGridSecret string

// AzureML Data Scientist: every action inside the workspace (jobs included) except managing
// the workspace itself, its compute and its role assignments; the narrowest built-in role
// that can both submit and cancel pipeline jobs.
var azureMlDataScientistRoleId = 'f6c7c914-8db3-469d-8ca1-694a8f32e121'

resource workspace 'Microsoft.MachineLearningServices/workspaces@2024-04-01' existing = {
  name: workspaceName
}

resource jobsRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, appResourceId, azureMlDataScientistRoleId)
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      azureMlDataScientistRoleId
    )
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Azure allows one system topic per source resource: if the workspace already has one, deploy
// the subscription on that topic instead (see docs/deploy.md).
resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: 'evgt-${workspaceName}'
  location: workspaceLocation
  properties: {
    source: workspace.id
    topicType: 'Microsoft.MachineLearningServices.Workspaces'
  }
}

resource callbackSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' =
  if (subscribe) {
  parent: systemTopic
  name: 'sagabridge-callbacks'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.MachineLearningServices.RunCompleted'
        'Microsoft.MachineLearningServices.RunStatusChanged'
      ]
    }
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: callbackEndpointUrl
        deliveryAttributeMappings: [
          {
            name: 'x-sagabridge-secret'
            type: 'Static'
            properties: {
              value: eventGridSecret
              isSecret: true
            }
          }
        ]
      }
    }
    // Polling catches whatever is dropped after a day of retries.
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}
