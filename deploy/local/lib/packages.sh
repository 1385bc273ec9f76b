# Installs Debian packages that are missing; sourced by up.

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

ensure_packages() {
    local missing=() p
    for p in "$@"; do installed "$p" || missing+=("$p"); done
    [ ${#missing[@]} -gt 0 ] || return 0
    step "installing ${missing[*]} (Debian packages)"
    # A package's maintainer scripts would start its daemon through init scripts, with the package's
    # settings; up starts each daemon itself, with ours. policy-rc.d is Debian's switch for that.
    local policy=/usr/sbin/policy-rc.d made_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
        $SUDO chmod +x "$policy"
        made_policy=1
    fi
    local rc=0
    $SUDO apt-get update -qq >"$LOG_DIR/apt.log" 2>&1 || rc=$?
    [ $rc -eq 0 ] && { DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >>"$LOG_DIR/apt.log" 2>&1 || rc=$?; }
    [ $made_policy -eq 1 ] && $SUDO rm -f "$policy"
    [ $rc -eq 0 ] || die "apt-get could not install ${missing[*]}; see $LOG_DIR/apt.log"
}
