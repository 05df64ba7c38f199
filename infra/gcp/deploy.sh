#!/usr/bin/env bash
# Sets up the Google Cloud side of SagaBridge in one project:
#   - the bucket gs://PROJECT-sagabridge (Dataflow templates, features, models, evaluations),
#   - a workload identity pool and OIDC provider that trust exactly one Azure managed identity
#     (the Function App's), so the app reaches Google without a key file,
#   - the service account that identity impersonates, with only the roles the saga steps need,
#   - the Dataflow worker and Cloud Workflows runtime service accounts,
#   - the sagabridge-* workflows in infra/gcp/workflows.
# Safe to run again: existing resources are kept, bindings are added idempotently, workflows are
# redeployed. With --dry-run it prints the gcloud commands instead of running them.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly workflows_dir="$script_dir/workflows"

usage() {
  cat <<'EOF'
Usage: infra/gcp/deploy.sh --project ID --region REGION --tenant-id TENANT
                           --app-id-uri URI --azure-object-id OBJECT_ID --endpoint-id ID
                           [options]

Required:
  --project ID              Google Cloud project id.
  --region REGION           Region of the workflows, Dataflow jobs and Vertex AI resources.
  --tenant-id TENANT        Entra tenant id of the Function App's managed identity.
  --app-id-uri URI          Application ID URI the managed identity requests tokens for
                            (the provider's allowed audience), e.g. api://<app-client-id>.
  --azure-object-id ID      Object (principal) id of the Function App's managed identity
                            (output principalId of infra/azure/main.bicep).
  --endpoint-id ID          Vertex AI endpoint that sagabridge-publish deploys models to.

Options:
  --project-number N        Project number; looked up with gcloud when omitted.
  --pool NAME               Workload identity pool id (default: sagabridge).
  --provider NAME           Provider id in that pool (default: azure-functions).
  --token-version v1|v2     Version of the Entra access tokens the app registration issues:
                            v1 (default) has issuer https://sts.windows.net/TENANT/,
                            v2 has https://login.microsoftonline.com/TENANT/v2.0.
  --trainer-image URI       Container image of the training code
                            (default: REGION-docker.pkg.dev/PROJECT/sagabridge/trainer:latest).
  --evaluator-image URI     Container image of the evaluation code
                            (default: REGION-docker.pkg.dev/PROJECT/sagabridge/evaluator:latest).
  --serving-image URI       Prediction container of the trained model
                            (default: a Vertex AI prebuilt scikit-learn CPU image).
  --machine-type TYPE       Machine type of training, evaluation and serving
                            (default: n1-standard-4).
  --dry-run                 Print the gcloud commands instead of running them; existence
                            checks are skipped, so every create is shown.
  -h, --help                Show this help.
EOF
}

project=""
region=""
tenant_id=""
app_id_uri=""
azure_object_id=""
endpoint_id=""
project_number=""
pool="sagabridge"
provider="azure-functions"
token_version="v1"
trainer_image=""
evaluator_image=""
serving_image="us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-3:latest"
machine_type="n1-standard-4"
dry_run=false

fail() {
  printf 'deploy.sh: %s\n' "$1" >&2
  exit 2
}

# Reads the value of an option, failing clearly when it is missing.
value_of() {
  local option="$1"
  local count="$2"
  local value="${3-}"
  if ((count < 2)) || [[ -z "$value" || "$value" == --* ]]; then
    fail "$option needs a value"
  fi
  printf '%s' "$value"
}

while (($# > 0)); do
  case "$1" in
    --project) project="$(value_of "$1" $# "${2-}")"; shift 2 ;;
    --region) region="$(value_of "$1" $# "${2-}")"; shift 2 ;;
    --tenant-id) tenant_id="$(value_of "$1" $# "${2-}")"; shift 2 ;;
    --app-id-uri) app_id_uri="$(value_of "$1" $# "${2-}")"; shift 2 ;;
    --azure-object-id) azure_object_id="$(value_of "$1" $# "${2-}")"; shift 2 ;;
    --endpoint-id) endpoint_id="$(value_of "$1" $# "${2-}")"; shift 2 ;;
    --project-number) project_number="$(value_of "$1" $# "${2-}")"; shift 2 ;;
    --pool) pool="$(value_of "$1" $# "${2-}")"; shift 2 ;;
    --provider) provider="$(value_of "$1" $# "${2-}")"; shift 2 ;;
    --token-version) token_version="$(value_of "$1" $# "${2-}")"; shift 2 ;;
    --trainer-image) trainer_image="$(value_of "$1" $# "${2-}")"; shift 2 ;;
    --evaluator-image) evaluator_image="$(value_of "$1" $# "${2-}")"; shift 2 ;;
    --serving-image) serving_image="$(value_of "$1" $# "${2-}")"; shift 2 ;;
    --machine-type) machine_type="$(value_of "$1" $# "${2-}")"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument: $1" ;;
  esac
done

[[ -n "$project" ]] || fail "--project is required"
[[ -n "$region" ]] || fail "--region is required"
[[ -n "$tenant_id" ]] || fail "--tenant-id is required"
[[ -n "$app_id_uri" ]] || fail "--app-id-uri is required"
[[ -n "$azure_object_id" ]] || fail "--azure-object-id is required"
[[ -n "$endpoint_id" ]] || fail "--endpoint-id is required"

# The object id ends up inside a CEL condition: accept a GUID and nothing else.
guid='^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
[[ "$azure_object_id" =~ $guid ]] || fail "--azure-object-id must be a GUID"
[[ "$tenant_id" =~ $guid ]] || fail "--tenant-id must be a GUID"

case "$token_version" in
  v1) issuer="https://sts.windows.net/$tenant_id/" ;;
  v2) issuer="https://login.microsoftonline.com/$tenant_id/v2.0" ;;
  *) fail "--token-version must be v1 or v2" ;;
esac

trainer_image="${trainer_image:-$region-docker.pkg.dev/$project/sagabridge/trainer:latest}"
evaluator_image="${evaluator_image:-$region-docker.pkg.dev/$project/sagabridge/evaluator:latest}"

readonly bucket="$project-sagabridge"
readonly invoker="sagabridge-invoker@$project.iam.gserviceaccount.com"
readonly dataflow_worker="sagabridge-dataflow@$project.iam.gserviceaccount.com"
readonly workflows_runner="sagabridge-workflows@$project.iam.gserviceaccount.com"

# Prints a command so it can be pasted into a shell: words with special characters are quoted.
print_command() {
  local word
  local line=""
  for word in "$@"; do
    if [[ "$word" =~ ^[A-Za-z0-9_./:=@,+%-]+$ ]]; then
      line+="$word "
    else
      line+="'${word//\'/\'\\\'\'}' "
    fi
  done
  printf '%s\n' "${line% }"
}

# Runs a gcloud command, or prints it in a dry run.
run() {
  if [[ "$dry_run" == true ]]; then
    print_command "$@"
  else
    "$@"
  fi
}

# Succeeds when the described resource exists; a dry run assumes it does not.
exists() {
  if [[ "$dry_run" == true ]]; then
    return 1
  fi
  "$@" >/dev/null 2>&1
}

step() {
  printf '\n# %s\n' "$1"
}

step "APIs"
run gcloud services enable --project="$project" \
  iam.googleapis.com iamcredentials.googleapis.com sts.googleapis.com \
  workflows.googleapis.com workflowexecutions.googleapis.com dataflow.googleapis.com \
  aiplatform.googleapis.com storage.googleapis.com

if [[ -z "$project_number" ]]; then
  if [[ "$dry_run" == true ]]; then
    print_command gcloud projects describe "$project" --format='value(projectNumber)'
    project_number="PROJECT_NUMBER"
  else
    project_number="$(gcloud projects describe "$project" --format='value(projectNumber)')"
  fi
fi

readonly pool_name="projects/$project_number/locations/global/workloadIdentityPools/$pool"
readonly audience="//iam.googleapis.com/$pool_name/providers/$provider"
readonly azure_principal="principal://iam.googleapis.com/$pool_name/subject/$azure_object_id"

step "Bucket gs://$bucket"
if ! exists gcloud storage buckets describe "gs://$bucket" --project="$project"; then
  run gcloud storage buckets create "gs://$bucket" --project="$project" --location="$region" \
    --uniform-bucket-level-access
fi

step "Workload identity federation from the Azure managed identity"
if ! exists gcloud iam workload-identity-pools describe "$pool" --project="$project" \
  --location=global; then
  run gcloud iam workload-identity-pools create "$pool" --project="$project" \
    --location=global --display-name="SagaBridge" \
    --description="Azure Function App of SagaBridge"
fi

# Only tokens for the app registration's audience, issued to the app's own managed identity,
# are accepted; google.subject is the identity's object id, which the impersonation binding
# below names.
provider_flags=(
  --project="$project"
  --location=global
  --workload-identity-pool="$pool"
  --issuer-uri="$issuer"
  --allowed-audiences="$app_id_uri"
  --attribute-mapping="google.subject=assertion.sub"
  --attribute-condition="assertion.oid == '$azure_object_id'"
)
if exists gcloud iam workload-identity-pools providers describe "$provider" \
  --project="$project" --location=global --workload-identity-pool="$pool"; then
  run gcloud iam workload-identity-pools providers update-oidc "$provider" "${provider_flags[@]}"
else
  run gcloud iam workload-identity-pools providers create-oidc "$provider" "${provider_flags[@]}"
fi

step "Service accounts"
for account in \
  "sagabridge-invoker:SagaBridge (impersonated by the Azure Function App)" \
  "sagabridge-dataflow:SagaBridge Dataflow workers" \
  "sagabridge-workflows:SagaBridge Cloud Workflows runtime"; do
  id="${account%%:*}"
  if ! exists gcloud iam service-accounts describe "$id@$project.iam.gserviceaccount.com" \
    --project="$project"; then
    run gcloud iam service-accounts create "$id" --project="$project" \
      --display-name="${account#*:}"
  fi
done

step "Roles of $invoker"
for role in roles/workflows.invoker roles/dataflow.developer; do
  run gcloud projects add-iam-policy-binding "$project" \
    --member="serviceAccount:$invoker" --role="$role" --condition=None
done

# Launching a Dataflow job as the worker account needs actAs on that account, and on no other.
run gcloud iam service-accounts add-iam-policy-binding "$dataflow_worker" --project="$project" \
  --member="serviceAccount:$invoker" --role=roles/iam.serviceAccountUser

# The launch reads the flex template spec; the condition keeps the rest of the bucket private.
templates="projects/_/buckets/$bucket/objects/templates/"
run gcloud storage buckets add-iam-policy-binding "gs://$bucket" \
  --member="serviceAccount:$invoker" --role=roles/storage.objectViewer \
  --condition="title=templates-only,expression=resource.name.startsWith(\"$templates\")"

run gcloud iam service-accounts add-iam-policy-binding "$invoker" --project="$project" \
  --member="$azure_principal" --role=roles/iam.workloadIdentityUser

step "Roles of $dataflow_worker"
for role in roles/dataflow.worker roles/bigquery.dataViewer roles/bigquery.readSessionUser; do
  run gcloud projects add-iam-policy-binding "$project" \
    --member="serviceAccount:$dataflow_worker" --role="$role" --condition=None
done
run gcloud storage buckets add-iam-policy-binding "gs://$bucket" \
  --member="serviceAccount:$dataflow_worker" --role=roles/storage.objectAdmin

step "Roles of $workflows_runner"
for role in roles/aiplatform.user roles/logging.logWriter; do
  run gcloud projects add-iam-policy-binding "$project" \
    --member="serviceAccount:$workflows_runner" --role="$role" --condition=None
done
run gcloud storage buckets add-iam-policy-binding "gs://$bucket" \
  --member="serviceAccount:$workflows_runner" --role=roles/storage.objectAdmin

step "Workflows"
env_vars="SAGABRIDGE_BUCKET=$bucket,SAGABRIDGE_ENDPOINT_ID=$endpoint_id"
env_vars+=",SAGABRIDGE_TRAINER_IMAGE=$trainer_image,SAGABRIDGE_EVALUATOR_IMAGE=$evaluator_image"
env_vars+=",SAGABRIDGE_SERVING_IMAGE=$serving_image,SAGABRIDGE_MACHINE_TYPE=$machine_type"
shopt -s nullglob
sources=("$workflows_dir"/*.yaml)
((${#sources[@]} > 0)) || fail "no workflow sources in $workflows_dir"
for source in "${sources[@]}"; do
  name="$(basename "$source" .yaml)"
  run gcloud workflows deploy "$name" --project="$project" --location="$region" \
    --source="$source" --service-account="$workflows_runner" --set-env-vars="$env_vars" \
    --call-log-level=log-errors-only
done

step "Parameters for infra/azure (main.bicepparam)"
printf "param googleWorkloadIdentityAudience = '%s'\n" "$audience"
printf "param googleSubjectTokenAudience = '%s'\n" "$app_id_uri"
printf "param googleServiceAccountEmail = '%s'\n" "$invoker"
