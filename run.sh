#!/usr/bin/env bash
# Builds tipring (without running the tests) and starts it in the foreground with its console, using the
# embedded defaults: Derby under distribution/target/tipring/data, HTTP on 127.0.0.1:8080, and a generated
# API token printed on first start. Environment variables (README.md) override any setting.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/build-env.sh
mvn "${mvn_args[@]}" -q install -DskipTests
exec distribution/target/tipring/bin/tipring "$@"
