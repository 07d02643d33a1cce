# Sourced by test.sh: a local PostgreSQL for the CDR store's PostgreSQL tests, on 127.0.0.1 only.
# Sets TIPRING_TEST_POSTGRES_URL when a server could be had (installed from Debian's packages when run as
# root); otherwise says why, and those tests are reported as skipped.
setup_test_postgres() {
    if [[ -n ${TIPRING_TEST_POSTGRES_URL:-} ]]; then
        return 0
    fi
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        echo "tipring: not root on Debian: the PostgreSQL variant of the CDR store tests will be skipped" >&2
        return 0
    fi
    if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        echo "tipring: installing PostgreSQL for the CDR store tests" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
            || { echo "tipring: could not install PostgreSQL; its tests will be skipped" >&2; return 0; }
    fi
    local version
    version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
    if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
        pg_ctlcluster "$version" main start \
            || { echo "tipring: could not start PostgreSQL $version; its tests will be skipped" >&2; return 0; }
    fi
    su postgres -c "psql -q -v ON_ERROR_STOP=1" >/dev/null <<'SQL' || { echo "tipring: could not prepare the test database" >&2; return 0; }
SELECT 'CREATE ROLE tipring_test LOGIN PASSWORD ''tipring-test''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tipring_test')\gexec
SELECT 'CREATE DATABASE tipring_test OWNER tipring_test' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'tipring_test')\gexec
ALTER DATABASE tipring_test OWNER TO tipring_test;
SQL
    local port
    port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
    export TIPRING_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/tipring_test?user=tipring_test&password=tipring-test"
}
