# Sourced by test.sh: the real programs the tests talk to (../shared/PEERS.md), from Debian's packages.
# As root they are installed when missing; otherwise the tests that need one say which is missing.
install_test_peers() {
    local packages=(sipsak sip-tester baresip sox lame espeak-ng libpocketsphinx3 pocketsphinx-en-us ffmpeg opus-tools) missing=()
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

# The JavaScript clients the e2e tests run (socket.io-client, ws) and the README's quick start, from the npm
# registry at the versions their package-lock.json files pin.
install_node_clients() {
    if ! command -v npm >/dev/null 2>&1; then
        echo "tipring: npm is missing; the Socket.IO e2e tests need node and npm" >&2
        return 0
    fi
    local folder
    for folder in e2e/src/test/node examples/quickstart; do
        if [[ ! -d "$folder/node_modules" ]]; then
            (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
                || echo "tipring: npm ci failed in $folder" >&2
        fi
    done
}
