RUN before
FROM a AS Builder
COPPY x y
COPY --chwon=1:1 a b
COPY onlyone
SHELL /bin/sh -c
CMD ["a", 1]
EXPOSE 80/xyz
ENV ONLY
FROM b AS builder
COPY --from=7 x y
COPY --from=builder x y
RUN <<EOF
never closed
