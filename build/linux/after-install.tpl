#!/bin/bash
# Chatkeep's deb after-install script (electron-builder.yml: deb.afterInstall; electron-builder
# fills in the executable and product names). It does what electron-builder's own script does,
# except that /usr/bin/chatkeep is the command-line launcher (resources/bin/chatkeep, see
# build/cli/), not the desktop binary: in a terminal, cron or a systemd timer `chatkeep` is the
# CLI, and the menu entry starts the app by its full path.

app='/opt/${sanitizedProductName}'
command="$app/resources/bin/${executable}"

if type update-alternatives >/dev/null 2>&1; then
    # A link left by an older install that did not use alternatives.
    if [ -L '/usr/bin/${executable}' ] && [ "$(readlink '/usr/bin/${executable}')" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    # Older Chatkeep versions registered the desktop binary itself.
    update-alternatives --remove '${executable}' "$app/${executable}" >/dev/null 2>&1 || true
    update-alternatives --install '/usr/bin/${executable}' '${executable}' "$command" 100 || ln -sf "$command" '/usr/bin/${executable}'
else
    ln -sf "$command" '/usr/bin/${executable}'
fi

# Chromium's sandbox: user namespaces where the kernel allows them, else the SUID helper.
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    chmod 4755 "$app/chrome-sandbox" || true
else
    chmod 0755 "$app/chrome-sandbox" || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi
if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# Ubuntu 24.04+ confines unprivileged user namespaces with AppArmor: install the profile
# electron-builder ships in resources/, when this AppArmor can parse it (22.04's cannot).
if apparmor_status --enabled >/dev/null 2>&1; then
    profile_source="$app/resources/apparmor-profile"
    profile_target='/etc/apparmor.d/${executable}'
    if apparmor_parser --skip-kernel-load --debug "$profile_source" >/dev/null 2>&1; then
        cp -f "$profile_source" "$profile_target"
        # Loading a profile makes no sense in a chroot (image builders).
        if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
            apparmor_parser --replace --write-cache --skip-read-cache "$profile_target"
        fi
    else
        echo "Skipping the AppArmor profile: this AppArmor cannot parse it"
    fi
fi
