#!/bin/sh
# The ITs' server reads its configuration from a copy of the provisioned one, holding test users
# with known passwords (from the environment the build sets), so that the server of README
# command 1 never gets them. Usage: prepare-it-config.sh WILDFLY_HOME IT_CONFIG_DIR
set -eu
rm -rf "$2"
cp -r "$1/standalone/configuration" "$2"
"$(dirname "$0")/../../../server-config/wildfly/add-users.sh" "$1" "$2"
