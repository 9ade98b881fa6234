#!/bin/sh
# docker-compose.yml's mongo entrypoint, as root, before the image's own (docker-entrypoint.sh,
# which creates the root account from MONGO_INITDB_ROOT_* on first start and then runs mongod as
# the mongodb account).
#
# The members of a replica set authenticate to each other with a keyFile, and with one mongod
# requires every client to sign in too. mongod refuses a keyFile that others can read, so it is
# written here, owned by mongodb, mode 400: made once, on first start, in the mongo-config volume
# (6 to 1024 base64 characters; this one is 1008). A member added later gets a copy of it.
set -eu
keyfile=/data/configdb/replica-set.key
if [ ! -s "$keyfile" ]; then
  umask 077
  head -c 756 /dev/urandom | base64 | tr -d '\n' > "$keyfile.new"
  mv "$keyfile.new" "$keyfile"
fi
chown mongodb:mongodb "$keyfile"
chmod 400 "$keyfile"
exec docker-entrypoint.sh "$@"
