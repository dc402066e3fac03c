#!/usr/bin/env bash
# Certificates for mutual TLS between the compose stack's services and the Temporal frontend:
# a private CA, the server certificate of `temporal` (frontend and internode), and one client certificate
# per service that talks to it. Names are the compose service names; the frontend checks only that a
# client's certificate is signed by this CA, so keep ca.key off the servers (only the leaf files are mounted).
#
#   scripts/temporal-certs.sh [directory]      # default: ./certs (git-ignored); refuses to overwrite
#
# Rotate by generating a new directory and restarting the stack; leaves expire after DAYS (default 397).
set -euo pipefail

DIR="${1:-certs}"
DAYS="${DAYS:-397}"
SERVER=temporal
CLIENTS=(api worker temporal-ui temporal-admin)

if [ -e "$DIR/ca.pem" ]; then
  echo "$DIR/ca.pem exists: remove $DIR first to make new certificates" >&2
  exit 1
fi
mkdir -p "$DIR"
umask 077

openssl req -x509 -new -newkey rsa:4096 -nodes -sha256 -days 3650 \
  -subj "/O=one-door/CN=one-door Temporal CA" \
  -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$DIR/ca.key" -out "$DIR/ca.pem" 2>/dev/null

# leaf NAME EXTENDED_KEY_USAGE: NAME/NAME.pem and NAME/NAME.key, with NAME as common name and DNS name.
leaf() {
  local name="$1" usage="$2" ext
  mkdir -p "$DIR/$name"
  ext="$(mktemp)"
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=%s\nsubjectAltName=DNS:%s\n' "$usage" "$name" >"$ext"
  openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "/O=one-door/CN=$name" \
    -keyout "$DIR/$name/$name.key" -out "$DIR/$name/$name.csr" 2>/dev/null
  openssl x509 -req -sha256 -days "$DAYS" -in "$DIR/$name/$name.csr" -CA "$DIR/ca.pem" -CAkey "$DIR/ca.key" \
    -CAcreateserial -extfile "$ext" -out "$DIR/$name/$name.pem" 2>/dev/null
  rm -f "$DIR/$name/$name.csr" "$ext"
  cp "$DIR/ca.pem" "$DIR/$name/ca.pem"
}

# The server acts as a client too (internode traffic, its own worker service).
leaf "$SERVER" serverAuth,clientAuth
for client in "${CLIENTS[@]}"; do leaf "$client" clientAuth; done
rm -f "$DIR/ca.srl"
# Containers run as other users than the one running this script: leaves readable, the CA key not.
chmod 755 "$DIR" "$DIR"/*/
chmod 644 "$DIR"/ca.pem "$DIR"/*/*.pem "$DIR"/*/*.key
chmod 600 "$DIR/ca.key"
echo "certificates in $DIR: CA ca.pem (key ca.key: keep it offline), server $SERVER, clients ${CLIENTS[*]}"
