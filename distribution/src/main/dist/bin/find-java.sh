# Finds a JDK >= 21 for tipring: JAVA_HOME if it is one, else the newest under TIPRING_JVM_ROOT
# (default /usr/lib/jvm). Sourced by bin/tipring and by the build scripts at the project's root, so that the
# server and its build pick their JDK the same way. find_java prints the java binary or explains and fails.

java_feature_version() { # prints the feature version (17, 21, 25...) of the java at $1, or nothing
    local release
    release=$(dirname "$(dirname "$1")")/release
    if [[ -r $release ]]; then
        sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
    else
        "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
    fi
}

find_java() {
    local jvm_root=${TIPRING_JVM_ROOT:-/usr/lib/jvm}
    local candidate version best="" best_version=0
    if [[ -n ${JAVA_HOME:-} ]]; then
        candidate=$JAVA_HOME/bin/java
        version=$( [[ -x $candidate ]] && java_feature_version "$candidate" || true)
        if [[ -n $version && $version -ge 21 ]]; then
            echo "$candidate"; return
        fi
        echo "tipring: JAVA_HOME=$JAVA_HOME is not a JDK >= 21 (found: ${version:-none}); looking in $jvm_root" >&2
    fi
    for candidate in "$jvm_root"/*/bin/java; do
        [[ -x $candidate ]] || continue
        version=$(java_feature_version "$candidate")
        if [[ -n $version && $version -gt $best_version ]]; then
            best=$candidate; best_version=$version
        fi
    done
    if [[ $best_version -ge 21 ]]; then
        echo "$best"; return
    fi
    echo "tipring: needs Java 21 or newer, and found none (JAVA_HOME unset or too old; newest under $jvm_root: ${best_version/#0/none})." >&2
    echo "tipring: install one (e.g. 'apt-get install openjdk-21-jre-headless' or a Temurin 25 JDK) or set JAVA_HOME." >&2
    exit 1
}
