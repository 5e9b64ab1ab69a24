# Build: podman build --format docker -t goodnews .   (see README "Container")
FROM swift:6.3-bookworm AS build
COPY scripts/build-packages.txt /tmp/build-packages.txt
RUN apt-get update -q && apt-get install -y -q --no-install-recommends $(cat /tmp/build-packages.txt) \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product goodnews --static-swift-stdlib \
    && install -D .build/release/goodnews /out/usr/local/bin/goodnews
# Run-time files live beside the binary (Assets.swift: <bin>/../share/goodnews).
COPY migrations /out/usr/local/share/goodnews/migrations
COPY public /out/usr/local/share/goodnews/public
COPY templates /out/usr/local/share/goodnews/templates
COPY demo /out/usr/local/share/goodnews/demo

FROM debian:bookworm-slim
# The run-time halves of build-packages.txt's libraries (Debian puts cmark-gfm's version in the name).
# libpq5: libpq is dlopen'ed only when GOODNEWS_DB is a postgresql:// URL (the build needs nothing for it).
RUN apt-get update -q && apt-get install -y -q --no-install-recommends libsqlite3-0 zlib1g \
        libcmark-gfm0.29.0.gfm.6 libcmark-gfm-extensions0.29.0.gfm.6 libpq5 curl ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data && chown 10001:10001 /data
COPY --from=build /out/ /
USER 10001:10001
WORKDIR /data
ENV GOODNEWS_ADDR=0.0.0.0:8080 \
    GOODNEWS_DB=/data/goodnews.sqlite \
    GOODNEWS_LOG_FORMAT=json
EXPOSE 8080
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["/usr/local/bin/goodnews"]
CMD ["serve"]
