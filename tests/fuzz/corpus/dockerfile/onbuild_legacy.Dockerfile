FROM node:20 AS base
MAINTAINER someone <someone@example.org>
ONBUILD COPY package.json /usr/src/app/
ONBUILD RUN npm install
ENV NODE_ENV production
ARG VERSION
ARG REGISTRY=docker.io
USER node
ADD --chown=node:node --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.org/x.tar.gz /opt/
ADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.12.0 /src
RUN echo a && \

    echo b
FROM base
COPY --from=0 /usr/src/app /app
COPY --link --parents --exclude=*.md src/ /dst/
RUN --network=none --security=sandbox --mount=type=secret,id=npmrc,target=/root/.npmrc \
    --mount=type=ssh --mount=type=tmpfs,target=/tmp,size=64m npm ci
HEALTHCHECK NONE
CMD ["node", "server.js"]
