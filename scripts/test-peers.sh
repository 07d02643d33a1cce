# Sourced by test.sh: the real programs the tests talk to (../shared/PEERS.md), from Debian's packages.
# As root they are installed when missing; otherwise the tests that need one say which is missing.
install_test_peers() {
    local packages=(sipsak sip-tester baresip sox) missing=()
    local package
    for package in "${packages[@]}"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        echo "tipring: not root on Debian; install these for the e2e tests: ${missing[*]}" >&2
        return 0
    fi
    echo "tipring: installing test peers: ${missing[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}
