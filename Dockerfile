# cnnserve on the CPU (ND4J's nd4j-native backend with OpenBLAS). Dockerfile.cuda is the GPU build.
#
#   docker build -t cnnserve .
#   docker run --rm -p 8080:8080 cnnserve
#
# The base images are build arguments so that a machine without a registry can pass its own
# (CI builds them from Debian packages with .ci/docker-base.sh). Any JDK 17 image serves the build
# stage and any JRE 17 image with bash and useradd (Debian or Ubuntu based) the runtime stage.
# Works with the legacy builder as well as BuildKit: no RUN --mount and no heredocs.
ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /workspace
# Maven and the dependencies in a layer of their own, which Docker reuses until pom.xml or the
# wrapper changes: a change to the sources then rebuilds in seconds instead of downloading the
# dependencies again (the legacy builder has no cache mounts to keep ~/.m2 between builds).
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/main/ src/main/
# maven.test.skip also skips compiling the tests, which the image does not contain; the build's
# remaining plugin downloads (go-offline misses some) need the network, so no -o here.
RUN ./mvnw -B -q -Dmaven.test.skip=true package \
    && java -Djarmode=tools -jar target/cnnserve.jar extract --layers --launcher --destination /extracted
# The native libraries, unpacked here once from the very jars the runtime stage copies, into one
# directory the service loads them from (see the program's comment for why). JavaCPP unpacks
# them into its cache with symbolic links between its folders; the copy resolves those.
#
# Of libnd4j's builds the image carries one, the oneDNN build for AVX2 CPUs (x86-64 since 2013,
# AVX-512 ones included), whose convolutions the native engine runs on; the service's own choice
# between builds (NativeLibraries) needs them all as jars, which would double the image.
COPY deploy/docker/PreloadNatives.java /tmp/
RUN java -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp-cache -Djavacpp.platform.extension=-onednn-avx2 \
        -cp '/extracted/dependencies/BOOT-INF/lib/*' /tmp/PreloadNatives.java \
    && mkdir /natives \
    && find /tmp/javacpp-cache -name '*.so*' -exec cp --dereference --no-clobber -t /natives {} + \
    && cd /natives && jar xf /extracted/dependencies/BOOT-INF/lib/jna-[0-9]*.jar \
        com/sun/jna/linux-x86-64/libjnidispatch.so \
    && mv com/sun/jna/linux-x86-64/libjnidispatch.so . && rm -r com \
    && jar xf /extracted/dependencies/BOOT-INF/lib/onnxruntime-[0-9]*.jar ai/onnxruntime/native/linux-x64 \
    && mv ai/onnxruntime/native/linux-x64/*.so . && rm -r ai

FROM ${RUNTIME_IMAGE}
# A fixed, numeric non-root user (so that Kubernetes' runAsNonRoot can check it) in group 0, with
# group permissions on what it writes, so that the image also runs under an arbitrary UID that
# keeps GID 0 (OpenShift).
RUN useradd --uid 10001 --gid 0 --home-dir /var/lib/cnnserve --no-create-home \
        --shell /usr/sbin/nologin cnnserve \
    && mkdir -p /var/lib/cnnserve/validations \
    && chown -R 10001:0 /var/lib/cnnserve \
    && chmod -R g=u /var/lib/cnnserve

# The settings come before the files: with the vfs storage driver every instruction copies the
# whole file system, which is cheapest while it is only the base image.
#
# Where the service finds its models and data sets (the copies below; mount your own over them:
# -v /path/to/models:/opt/cnnserve/models:ro) and where it stores validation reports.
#
# Memory, sized from the container's limit (the JVM reads the cgroup limit; without one, the
# machine's memory counts):
# - the heap gets 40%: requests, images and Spring live there, while ND4J's arrays (the network
#   parameters, activations and workspaces) are native memory outside the heap;
# - JavaCPP refuses native allocations (after a GC to free unreachable ones) once the process's
#   resident size passes maxPhysicalBytes, which it reads as a percentage of its maxBytes, which is
#   the maximum heap: 225% of 40% = 90% of the container's limit. The service then answers a
#   request with an error and reports cnnserve_offheap_max_bytes, instead of the kernel's OOM
#   killer ending the container at 100%.
# JDK_JAVA_OPTIONS is read by the java launcher: replace it to size differently, e.g.
#   -e JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=30 -Dorg.bytedeco.javacpp.maxPhysicalBytes=300%"
ENV CNNSERVE_REGISTRY_REPOSITORY=/opt/cnnserve/models \
    CNNSERVE_VALIDATION_DATASETS_DIRECTORY=/opt/cnnserve/datasets \
    CNNSERVE_VALIDATION_RESULTS_DIRECTORY=/var/lib/cnnserve/validations \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=40 -Dorg.bytedeco.javacpp.maxPhysicalBytes=225%" \
    MANAGEMENT_SERVER_PORT=8081
# Validation reports are the only thing the service writes besides temporary files; with this
# volume and a tmpfs on /tmp (Tomcat's work files, and about 90 MB of OpenBLAS that JavaCPP copies
# there all the same) the root file system can be read-only:
#   docker run --read-only --tmpfs /tmp -v cnnserve-validations:/var/lib/cnnserve/validations ...
VOLUME /var/lib/cnnserve/validations
# The API on 8080; actuator (health probes, /actuator/prometheus) on its own port, 8081, with its
# own connector and threads, so probes and scrapes answer while the API is saturated, and the
# API's port need not expose them (MANAGEMENT_SERVER_PORT moves it).
EXPOSE 8080 8081
# Healthy once the readiness group is UP (every model READY). No curl in a JRE image: bash's
# /dev/tcp sends the request. Start-up includes loading the models (a minute or more for the big
# ones on a small machine), hence the long start period.
HEALTHCHECK --interval=10s --timeout=5s --start-period=5m --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-8081} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r -t 4 version status rest <&3 && [[ ${status%$'\\r'} == 200 ]]"]
# Spring Boot's graceful shutdown waits up to 65 s for requests in flight: stop with
# --stop-timeout 70 (compose: stop_grace_period) so that Docker does not kill it after 10 s.
# pathsFirst: JavaCPP loads the native libraries from java.library.path, the directory the build
# stage filled, rather than unpacking them from the jars into a cache at every start. JNA (which
# sets OpenBLAS's kernels, see OpenBlasCore) loads its own from there too: it would unpack it into
# /tmp, which Docker's --tmpfs mounts noexec. So would ONNX Runtime, which the onnx engine loads
# from the same directory (onnxruntime.native.path).
ENTRYPOINT ["java", "-Djava.library.path=/opt/cnnserve/natives", "-Dorg.bytedeco.javacpp.pathsFirst=true", \
    "-Djavacpp.platform.extension=-onednn-avx2", \
    "-Djna.boot.library.path=/opt/cnnserve/natives", "-Djna.nounpack=true", \
    "-Donnxruntime.native.path=/opt/cnnserve/natives", \
    "-cp", "/opt/cnnserve/app", "org.springframework.boot.loader.launch.JarLauncher"]
WORKDIR /opt/cnnserve/app

# The service, one layer per Spring Boot layer, least likely to change first, with the native
# libraries unpacked from the dependencies right after them. Files stay root's: the service
# only reads them.
COPY --from=build /extracted/dependencies/ /opt/cnnserve/app/
COPY --from=build /natives/ /opt/cnnserve/natives/
COPY --from=build /extracted/spring-boot-loader/ /opt/cnnserve/app/
COPY --from=build /extracted/snapshot-dependencies/ /opt/cnnserve/app/
# Here rather than at the end: the legacy builder fails a COPY that follows a COPY that added
# nothing ("layer does not exist"), as snapshot-dependencies adds nothing without SNAPSHOT
# dependencies; any other instruction in between avoids it.
USER 10001:0
COPY datasets/ /opt/cnnserve/datasets/
COPY models/ /opt/cnnserve/models/
COPY --from=build /extracted/application/ /opt/cnnserve/app/
