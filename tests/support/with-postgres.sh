#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: initdb into a temporary folder, a server on
# 127.0.0.1 and a free port (fsync off: the data is thrown away), TEST_DATABASE_URL exported for
# the command, and the cluster stopped and deleted at exit whatever happens.
#   bash tests/support/with-postgres.sh npm test
#   bash tests/support/with-postgres.sh npx vitest run tests/storage
# Needs PostgreSQL's server binaries (Debian: postgresql-15; found through pg_config or PG_BINDIR).
# As root the server runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

bindir="${PG_BINDIR:-}"
if [[ -z "$bindir" ]] && command -v pg_config >/dev/null; then bindir="$(pg_config --bindir)"; fi
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
  for d in /usr/lib/postgresql/*/bin; do [[ -x "$d/initdb" ]] && bindir="$d"; done
fi
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
  echo "with-postgres: no PostgreSQL server binaries (initdb) found; install postgresql or set PG_BINDIR" >&2
  exit 1
fi

as_pg=()
if [[ "$(id -u)" == 0 ]]; then as_pg=(runuser -u postgres --); fi

dir="$(mktemp -d /tmp/koba-pg.XXXXXX)"
chmod 755 "$dir"
[[ ${#as_pg[@]} -gt 0 ]] && chown postgres: "$dir"

stop() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

# A free port: ask the kernel for one.
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | sed -E "s/.*PostgreSQL\) ([0-9.]+).*/\1/") on 127.0.0.1:$port (TEST_DATABASE_URL set)" >&2
"$@"
