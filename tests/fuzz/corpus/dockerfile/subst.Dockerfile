ARG BASE=alpine:3.19
FROM ${BASE:-busybox} AS s1
ENV A=${X:-default} B=${Y:+alt} C="${Z-unset}" D='$literal' E=\$escaped F=${PATH%%:*} G=${PATH#*:} H=${P//a/b}
WORKDIR ${HOME:?home must be set}/work
LABEL x="${A}" y=${B}
EXPOSE ${PORT:-80}/tcp
USER ${UID}:${GID}
