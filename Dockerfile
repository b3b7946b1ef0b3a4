# Builds the web app, then the server with the web app built into it, and ships the one binary in a
# slim image.

FROM node:20-bookworm-slim AS web
WORKDIR /src
COPY openapi.yaml ./
COPY frontend/package.json frontend/package-lock.json ./frontend/
RUN npm --prefix frontend ci --no-audit --no-fund
COPY frontend ./frontend
RUN npm --prefix frontend run build

FROM rust:1.90-bookworm AS server
WORKDIR /src
COPY Cargo.toml Cargo.lock rustfmt.toml ./
COPY .cargo ./.cargo
COPY backend ./backend
COPY migrations ./migrations
COPY openapi.yaml ./
# The release binary embeds frontend/dist: it serves its UI from any working directory.
COPY --from=web /src/frontend/dist ./frontend/dist
RUN cargo build --release --locked --bin zzyzx

FROM debian:bookworm-slim
# Package versions are not pinned: bookworm's security updates replace them in the archive, and a
# pinned version that has gone stops the build. The image is as fresh as its last build.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 zzyzx \
    && useradd --system --uid 10001 --gid zzyzx --home /var/lib/zzyzx --create-home zzyzx
COPY --from=server /src/target/release/zzyzx /usr/local/bin/zzyzx
# By number, so that a runtime can tell it is not root (Kubernetes' runAsNonRoot).
USER 10001:10001
WORKDIR /var/lib/zzyzx
ENV ZZYZX_BIND=0.0.0.0:8080 \
    ZZYZX_DATABASE_URL=sqlite:///var/lib/zzyzx/zzyzx.db \
    ZZYZX_LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD ["curl", "-fsS", "http://127.0.0.1:8080/api/v1/health/ready"]
ENTRYPOINT ["zzyzx"]
CMD ["serve"]
