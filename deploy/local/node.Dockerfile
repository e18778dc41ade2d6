# A Node 20 image without a registry: the base image that scripts/compose-smoke.sh makes from
# Debian's packages (debootstrap → docker import), plus the node binary and npm copied from the
# host into the build context. Stands in for node:20-slim (same `node` user, uid 1000).
ARG BASE_IMAGE=temahub-base:bookworm
FROM ${BASE_IMAGE}
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
# The host's extra certificate authorities (e.g. a TLS-inspecting egress proxy), so that `npm ci`
# in the image build reaches the registry as the host does. Empty on most machines.
COPY ca-certificates/ /usr/local/share/ca-certificates/
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
RUN update-ca-certificates >/dev/null \
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && useradd --uid 1000 --user-group --create-home --shell /bin/bash node \
 && node --version && npm --version
CMD ["node"]
