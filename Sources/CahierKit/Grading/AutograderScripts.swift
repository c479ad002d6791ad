import Foundation

/// The two scripts of Gradescope's autograder bundle (see ``AutograderBundle``).
public enum AutograderScripts {
    /// The Swift toolchain `setup.sh` installs: the one Cahier is built and tested with.
    public static let swiftVersion = "6.3.1"

    /// Installs Swift (swift.org's toolchain for the image's Ubuntu release,
    /// its signature checked with swift.org's keys), the system libraries
    /// Cahier links (cmark, libpng, zlib) and the OpenBLAS it opens at run time
    /// for matrix products (as scripts/setup does), then builds Cahier from `cahier/` and
    /// installs it as /usr/local/bin/cahier. Gradescope runs it once, as root,
    /// while it builds the autograder's image.
    public static func setup(swiftVersion: String) -> String {
        """
        #!/usr/bin/env bash
        # Written by `cahier autograder`. Gradescope runs it once, as root, when it builds
        # the autograder's image: it installs Swift, the libraries Cahier links and OpenBLAS, then
        # builds Cahier from the sources in cahier/ and installs it as /usr/local/bin/cahier.
        # CAHIER_OS_RELEASE, CAHIER_SWIFT_PREFIX and CAHIER_BIN_DIR move /etc/os-release,
        # /opt/swift and /usr/local/bin, to try the script elsewhere.
        set -euo pipefail
        here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
        swift_version=\(shellQuoted(swiftVersion))
        prefix="${CAHIER_SWIFT_PREFIX:-/opt/swift}"
        bin="${CAHIER_BIN_DIR:-/usr/local/bin}"

        # shellcheck disable=SC1090
        . "${CAHIER_OS_RELEASE:-/etc/os-release}"
        # The packages swift.org lists for each release, besides those every release needs (below).
        case "${VERSION_ID:-}" in
          22.04) extra="libgcc-11-dev libstdc++-11-dev libpython3-dev" ;;
          24.04) extra="libgcc-13-dev libstdc++-13-dev libpython3-dev libncurses-dev" ;;
          *) echo "setup.sh: swift.org publishes no Swift toolchain for Ubuntu ${VERSION_ID:-?}; choose Ubuntu 22.04 or 24.04 as the autograder's base image" >&2
             exit 1 ;;
        esac
        platform="ubuntu${VERSION_ID}"

        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        # shellcheck disable=SC2086
        apt-get install -y --no-install-recommends ca-certificates curl gnupg binutils git libc6-dev \\
            libcurl4-openssl-dev libedit2 libsqlite3-0 libxml2-dev libz3-dev pkg-config tzdata unzip \\
            zlib1g-dev libcmark-dev libpng-dev libopenblas-dev $extra

        if ! command -v swift >/dev/null || ! swift --version 2>/dev/null | grep -q "swift-${swift_version}-RELEASE"; then
          name="swift-${swift_version}-RELEASE-${platform}"
          url="https://download.swift.org/swift-${swift_version}-release/${platform//./}/swift-${swift_version}-RELEASE/${name}.tar.gz"
          work="$(mktemp -d)"
          curl -fsSL "$url" -o "$work/swift.tar.gz"
          curl -fsSL "$url.sig" -o "$work/swift.tar.gz.sig"
          export GNUPGHOME="$work/gnupg"
          mkdir -m 700 "$GNUPGHOME"
          curl -fsSL https://www.swift.org/keys/all-keys.asc | gpg --batch --import -
          gpg --batch --verify "$work/swift.tar.gz.sig" "$work/swift.tar.gz"
          mkdir -p "$prefix"
          tar -xzf "$work/swift.tar.gz" -C "$prefix" --strip-components=1
          rm -rf "$work"
          export PATH="$prefix/usr/bin:$PATH"
        fi

        cd "$here/cahier"
        # The Swift runtime is linked in, so the program runs without the toolchain on its path.
        swift build -c release --product cahier --static-swift-stdlib
        install -m 0755 "$(swift build -c release --show-bin-path)/cahier" "$bin/cahier"
        "$bin/cahier" --version

        """
    }

    /// Grades the student's submission (`/autograder/submission/`) into
    /// `/autograder/results/results.json`. `CAHIER_AUTOGRADER_ROOT` moves
    /// `/autograder` and `CAHIER_BINARY` names the program, to try the bundle
    /// anywhere. Gradescope copies it to /autograder/run_autograder, so it finds
    /// the sheet under the root's `source/`.
    public static func runAutograder(sheetName: String) -> String {
        """
        #!/usr/bin/env bash
        # Written by `cahier autograder`. Gradescope runs it for each submission: it grades
        # the notebook in /autograder/submission/ against the sheet and writes
        # /autograder/results/results.json. To try it elsewhere, set CAHIER_AUTOGRADER_ROOT
        # (a folder holding source/, submission/ and results/) and CAHIER_BINARY.
        set -euo pipefail
        root="${CAHIER_AUTOGRADER_ROOT:-/autograder}"
        cahier="${CAHIER_BINARY:-/usr/local/bin/cahier}"
        mkdir -p "$root/results"
        exec "$cahier" autograder run --sheet "$root/source/sheet/"\(shellQuoted(sheetName)) \\
            --submission "$root/submission" --results "$root/results/results.json"

        """
    }

    /// `text` as one word for the shell: in single quotes, each `'` written as `'\''`.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
