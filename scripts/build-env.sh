# Sourced by run.sh and test.sh: a JDK >= 21 for Maven (the same rule as bin/tipring), Maven itself, and
# quiet, non-interactive Maven output.
# shellcheck source=../distribution/src/main/dist/bin/find-java.sh
source "$(dirname "${BASH_SOURCE[0]}")/../distribution/src/main/dist/bin/find-java.sh"

java=$(find_java)
export JAVA_HOME
JAVA_HOME=$(dirname "$(dirname "$java")")

if ! command -v mvn >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "tipring: installing Maven" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
    else
        echo "tipring: Maven (mvn) is needed to build; install it (e.g. 'apt-get install maven')" >&2
        exit 1
    fi
fi

# Maven's own Guava prints sun.misc.Unsafe warnings on JDK 23+; the option that silences them exists from 23.
if [[ $(java_feature_version "$java") -ge 23 ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
mvn_args=(-B -ntp)
