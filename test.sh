#!/usr/bin/env bash
# Runs every test. Needs only the .NET SDK and Node.js: Azurite (npm) and the Bicep CLI (NuGet)
# are restored on first use by the build and the test fixtures; shellcheck (one infra check) is
# installed from Debian's packages here when it is missing and this user may install packages.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v shellcheck >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 \
  && [ "$(id -u)" = "0" ]; then
  echo "test.sh: installing shellcheck (Debian package) for the infra script check"
  (apt-get update -qq && apt-get install -y -qq shellcheck >/dev/null) \
    || echo "test.sh: shellcheck could not be installed; the infra test will say how"
fi

dotnet test SagaBridge.slnx --configuration Release "$@"
