#!/bin/bash
# Docker healthcheck of a service: ready when /q/health/ready on its management port answers 200. The image has
# no curl or wget, so the request goes through bash's /dev/tcp.
set -eu
port="${SWITCHBOARD_MANAGEMENT_PORT:?SWITCHBOARD_MANAGEMENT_PORT is not set}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET /q/health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
read -r -t 5 status_line <&3
[[ "${status_line}" == "HTTP/1."?" 200 "* ]]
