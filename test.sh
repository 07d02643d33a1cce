#!/usr/bin/env bash
# Runs tipring's whole test suite: unit tests of every bundle, the features resolver check, Pax Exam tests
# that boot the distribution's bundles in Felix, and e2e tests that start the built server as a process.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/build-env.sh
source scripts/test-peers.sh
source scripts/test-postgres.sh
install_test_peers
install_node_clients
setup_test_postgres
exec mvn "${mvn_args[@]}" install "$@"
