#!/bin/sh
# Creates or updates Runway's users in WildFly's ApplicationRealm (application-users.properties
# and application-roles.properties), from the environment:
#   RUNWAY_ADMIN_USER (default admin)       RUNWAY_ADMIN_PASSWORD      role runway-admin
#   RUNWAY_OPERATOR_USER (default operator) RUNWAY_OPERATOR_PASSWORD   role runway-operator
#   RUNWAY_VIEWER_USER (default viewer)     RUNWAY_VIEWER_PASSWORD     role runway-viewer
# A user whose password is not set is left as it is. When no admin password is set and the admin
# does not exist yet, the admin gets a random password, printed here once. There is no default.
#
# Usage: add-users.sh WILDFLY_HOME [CONFIG_DIR]    (CONFIG_DIR defaults to standalone/configuration)
set -eu
home=$1
config=${2:-$home/standalone/configuration}

add() {
  "$home/bin/add-user.sh" -a -sc "$config" -u "$1" -p "$2" -g "$3" > /dev/null
  echo "Runway user '$1' has role $3"
}

admin=${RUNWAY_ADMIN_USER:-admin}
if [ -n "${RUNWAY_ADMIN_PASSWORD:-}" ]; then
  add "$admin" "$RUNWAY_ADMIN_PASSWORD" runway-admin
elif ! grep -q "^$admin=" "$config/application-users.properties"; then
  password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
  add "$admin" "$password" runway-admin
  echo "*************************************************************************"
  echo "  Runway's admin user was created with this password, shown only once:"
  echo "    user: $admin   password: $password"
  echo "  Set RUNWAY_ADMIN_PASSWORD to choose it instead."
  echo "*************************************************************************"
fi
if [ -n "${RUNWAY_OPERATOR_PASSWORD:-}" ]; then
  add "${RUNWAY_OPERATOR_USER:-operator}" "$RUNWAY_OPERATOR_PASSWORD" runway-operator
fi
if [ -n "${RUNWAY_VIEWER_PASSWORD:-}" ]; then
  add "${RUNWAY_VIEWER_USER:-viewer}" "$RUNWAY_VIEWER_PASSWORD" runway-viewer
fi
