#!/usr/bin/env bash
# Soak test of the per-request path under a real web server (issue 5).
#
# Debian's nginx and php-fpm on loopback serve tests/soak/page.php, which
# builds the request context, assigns the visitor's segments from the
# worker's default model (INI segment.model, kept across requests) and prints
# them; wrk drives it for SOAK_SECONDS while the model file is replaced
# SOAK_VERSIONS - 1 times (written beside it, renamed over it).  Passes when:
#   - no request failed (HTTP status, connection, timeout);
#   - every response is consistent with a model version that was in force:
#     its segments are exactly those that version gives that customer
#     (computed beforehand, checked by the wrk script on every response),
#     and every version was served during the run;
#   - after the last replacement every worker serves the last version;
#   - worker memory is flat: no worker's RSS grew by more than
#     SOAK_RSS_SLACK_KB (default 2048) between the warm-up and the end.
# Also reports requests per second against base.php, the same page without
# the extension's work.
#
#   bash tests/soak/run.sh                      # 60 s, 5 versions, 4 workers
#   SOAK_SECONDS=10 bash tests/soak/run.sh      # what CI runs
# Knobs: SOAK_SECONDS, SOAK_VERSIONS, SOAK_WORKERS, SOAK_CONNECTIONS,
# SOAK_RSS_SLACK_KB, SEGMENT_SO (default modules/segment.so), SEG_NO_APT=1
# (do not install nginx, php-fpm, wrk).  Runs as root (nginx and php-fpm
# are started as root on loopback, in a temporary directory).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
so=${SEGMENT_SO:-$root/modules/segment.so}
seconds=${SOAK_SECONDS:-60}
versions=${SOAK_VERSIONS:-5}
workers=${SOAK_WORKERS:-4}
connections=${SOAK_CONNECTIONS:-16}
slack=${SOAK_RSS_SLACK_KB:-2048}
phpv=$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
fpm=php-fpm$phpv

if [ "${SEG_NO_APT:-0}" != 1 ]; then
	missing=()
	for p in nginx "php$phpv-fpm" wrk; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
	fi
fi
for cmd in nginx "$fpm" wrk; do
	command -v "$cmd" >/dev/null || { echo "soak: $cmd is not installed" >&2; exit 2; }
done
[ -f "$so" ] || { echo "soak: no extension at $so (build it first)" >&2; exit 2; }

dir=$(mktemp -d /tmp/segment-soak.XXXXXX)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$dir"
}
trap cleanup EXIT

php -d extension="$so" "$root/tests/soak/make_models.php" "$dir" "$versions"
cp "$root/tests/soak/page.php" "$root/tests/soak/base.php" "$dir/"
cp "$dir/model-v1.json" "$dir/model.json"
port=$(php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo substr(strrchr(stream_socket_get_name($s, false), ":"), 1);')

cat >"$dir/fpm.conf" <<CONF
[global]
pid = $dir/fpm.pid
error_log = $dir/fpm.log
daemonize = no
[soak]
listen = $dir/fpm.sock
listen.mode = 0666
pm = static
pm.max_children = $workers
pm.max_requests = 0
catch_workers_output = yes
php_admin_value[segment.model] = $dir/model.json
php_admin_flag[log_errors] = on
CONF
mkdir -p "$dir/tmp"
cat >"$dir/nginx.conf" <<CONF
user root;
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    fastcgi_temp_path $dir/tmp/fastcgi;
    proxy_temp_path $dir/tmp/proxy;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        root $dir;
        location ~ \.php\$ {
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
            fastcgi_pass unix:$dir/fpm.sock;
        }
    }
}
CONF

"$fpm" -R -F -y "$dir/fpm.conf" -d extension="$so" &
pids+=($!)
nginx -c "$dir/nginx.conf" -p "$dir" &
pids+=($!)
for _ in $(seq 100); do
	curl_ok=$(php -r '$b = @file_get_contents("http://127.0.0.1:'"$port"'/page.php?c=guest"); echo $b === false ? 0 : 1;')
	[ "$curl_ok" = 1 ] && break
	sleep 0.1
done
[ "${curl_ok:-0}" = 1 ] || { echo "soak: the server did not come up"; cat "$dir"/*.log; exit 1; }

worker_rss() { # pid rss_kb of every fpm worker
	ps --ppid "$(cat "$dir/fpm.pid")" -o pid=,rss= | sort -n
}
export SOAK_DIR=$dir
# warm-up: every worker loads the model, opcache holds profiles.php
SOAK_PATH=/page.php wrk -t2 -c"$connections" -d2s -s "$root/tests/soak/check.lua" "http://127.0.0.1:$port/" >"$dir/warm.out"
worker_rss >"$dir/rss-start"

SOAK_PATH=/page.php wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s -s "$root/tests/soak/check.lua" \
	"http://127.0.0.1:$port/" >"$dir/soak.out" &
wrk_pid=$!
step=$(php -r "echo $seconds / $versions;")
for v in $(seq 2 "$versions"); do
	sleep "$step"
	cp "$dir/model-v$v.json" "$dir/model.json.tmp"
	mv -f "$dir/model.json.tmp" "$dir/model.json"   # atomic: a request sees the old file or the new
done
wait "$wrk_pid"
worker_rss >"$dir/rss-end"

# every worker on the last version: rounds of $workers requests sent together,
# each held 50 ms by the page, so that each round reaches every worker
# (sequential requests can all land on one idle worker)
for r in $(seq 5); do
	probes=()
	for w in $(seq "$workers"); do
		php -r 'echo file_get_contents("http://127.0.0.1:'"$port"'/page.php?c=guest&hold=50"), "\n";' \
			>"$dir/probe-$r-$w.json" &
		probes+=($!)
	done
	wait "${probes[@]}"   # not a bare wait: nginx and php-fpm are children too
done
cat "$dir"/probe-*.json | php -r '
$seen = [];
while (($line = fgets(STDIN)) !== false) {
    $r = json_decode($line, true);
    if (is_array($r)) $seen[$r["pid"]][$r["v"]] = true;
}
$stale = array_filter($seen, fn($v) => array_keys($v) !== ["v'"$versions"'"]);
printf("workers answering: %d, on the last version (v%d): %d\n", count($seen), '"$versions"', count($seen) - count($stale));
exit($stale || count($seen) < '"$workers"' ? 1 : 0);
' >"$dir/final.out" && final_ok=1 || final_ok=0

SOAK_PATH=/base.php wrk -t2 -c"$connections" -d"$(( (seconds + 1) / 2 ))s" -s "$root/tests/soak/check.lua" \
	"http://127.0.0.1:$port/" >"$dir/base.out"

soak=$(grep '^SOAK requests' "$dir/soak.out")
base=$(grep '^SOAK requests' "$dir/base.out")
versions_seen=$(grep '^SOAK versions' "$dir/soak.out")
echo "page:     $soak"
echo "          $versions_seen"
echo "baseline: $base"
grep '^SOAK first_bad' "$dir/soak.out" || true
cat "$dir/final.out"
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
rss_ok=1
while read -r pid rss; do
	end=$(awk -v p="$pid" '$1 == p { print $2 }' "$dir/rss-end")
	if [ -z "$end" ]; then echo "worker $pid: gone"; rss_ok=0; continue; fi
	echo "worker $pid: RSS $rss kB after warm-up, $end kB at the end ($((end - rss)) kB)"
	[ $((end - rss)) -le "$slack" ] || rss_ok=0
done <"$dir/rss-start"
php -r 'printf("requests per second: %.0f with the extension'"'"'s work, %.0f without (%.2f)\n", '"$(field "$soak" rps)"', '"$(field "$base" rps)"', '"$(field "$soak" rps)"' / '"$(field "$base" rps)"');'

fail=0
[ "$(field "$soak" bad)" = 0 ] || { echo "FAIL: responses inconsistent with every model version"; fail=1; }
for e in status_bad connect read write timeout; do
	[ "$(field "$soak" $e)" = 0 ] || { echo "FAIL: $e = $(field "$soak" $e)"; fail=1; }
done
[ "$(field "$soak" ok)" -gt 0 ] || { echo "FAIL: no request checked"; fail=1; }
[ "$final_ok" = 1 ] || { echo "FAIL: not every worker serves the last model version"; fail=1; }
for v in $(seq 1 "$versions"); do
	n=$(echo "$versions_seen" | tr ' ' '\n' | sed -n "s/^v$v=//p")
	[ "${n:-0}" -gt 0 ] || { echo "FAIL: no response of model version v$v during the run"; fail=1; }
done
[ "$rss_ok" = 1 ] || { echo "FAIL: worker memory grew by more than $slack kB"; fail=1; }
if grep -qiE 'fatal|segfault|exited on signal' "$dir/fpm.log"; then
	echo "FAIL: php-fpm log:"; grep -iE 'fatal|segfault|exited on signal' "$dir/fpm.log" | head; fail=1
fi
[ $fail = 0 ] && echo "soak: passed ($seconds s, $versions model versions, $workers workers)"
exit $fail
