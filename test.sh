#!/usr/bin/env bash
# Runs every test. Needs only the .NET SDK and Node.js: Azurite (npm) and the Bicep CLI (NuGet)
# are restored on first use by the build and the test fixtures.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test SagaBridge.slnx --configuration Release "$@"
