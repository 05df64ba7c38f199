// Example parameters: copy to main.bicepparam (ignored by git), fill in the values, then run
// `az deployment group create --template-file main.bicep --parameters main.bicepparam`.
// The two secrets come from the environment so they never land in a file.
using 'main.bicep'

param baseName = 'sagabridge'

param azureMlWorkspaceName = 'mlw-training'
param azureMlResourceGroup = 'rg-ml'
param azureMlLocation = 'westeurope'

// Leave false for the first deployment; set true once the app code answers on
// /api/callbacks/eventgrid (docs/deploy.md, step 5).
param subscribeToAzureMlEvents = false

// Printed by infra/gcp/deploy.sh.
var googlePool = 'projects/123456789012/locations/global/workloadIdentityPools/sagabridge'
param googleWorkloadIdentityAudience = '//iam.googleapis.com/${googlePool}/providers/azure-functions'
param googleSubjectTokenAudience = 'api://00000000-0000-0000-0000-000000000000'
param googleServiceAccountEmail = 'sagabridge-invoker@my-project.iam.gserviceaccount.com'

// openssl rand -base64 32
param callbackSigningKey = readEnvironmentVariable('SAGABRIDGE_CALLBACK_SIGNING_KEY')
param eventGridSecret = readEnvironmentVariable('SAGABRIDGE_EVENTGRID_SECRET')
