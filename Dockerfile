# The worker image for building corpora on a cluster: Debian, Java 17, espeak-ng (the synthetic aligner), samtal's
# cluster jar and its model catalog with the models installed when the image was built; with the Flink and Spark
# runtimes, so the same image serves as Flink's JobManager and TaskManagers and as Spark's master and workers (README,
# "Building on a cluster"). Spark's executors get samtal's classes from the jar spark-submit ships
# (target/samtal-spark.jar); the image gives them espeak-ng and the models.
#
#   mvn -B package -Pcluster -DskipTests          # target/samtal-cluster.jar
#   models/install.sh ko                          # optional: the Vosk models the workers should have
#   docker build -t samtal-worker .
#
# Run as samtal itself:  docker run --rm -v /data:/data samtal-worker build /data/in --lang is --out /data/corpus
# As a Flink TaskManager:
#   docker run -v /data:/data --entrypoint /opt/flink/bin/taskmanager.sh samtal-worker start-foreground \
#     -Djobmanager.rpc.address=JOBMANAGER -Dtaskmanager.numberOfTaskSlots=4 -Dtaskmanager.memory.process.size=8g
# As a Spark standalone worker:
#   docker run -v /data:/data --entrypoint /opt/spark/bin/spark-class samtal-worker \
#     org.apache.spark.deploy.worker.Worker --cores 4 --memory 8g spark://MASTER:7077
ARG FLINK_IMAGE=flink:1.19-java17
# any Spark 3.5 (samtal-spark.jar is built against 3.5.9 and was run on 3.5.7)
ARG SPARK_IMAGE=apache/spark:3.5.7-java17

FROM ${FLINK_IMAGE} AS flink
FROM ${SPARK_IMAGE} AS spark

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless espeak-ng ca-certificates procps \
    && rm -rf /var/lib/apt/lists/*
# the JVM reads file names in the locale's encoding: viðtal.mp4 needs UTF-8
ENV LC_ALL=C.UTF-8 \
    JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 \
    FLINK_HOME=/opt/flink \
    SPARK_HOME=/opt/spark \
    PATH=/opt/flink/bin:/opt/spark/bin:$PATH
COPY --from=flink /opt/flink /opt/flink
COPY --from=spark /opt/spark /opt/spark
COPY target/samtal-cluster.jar /opt/samtal/samtal.jar
# the catalog and every model installed into models/ before `docker build`: the same on the driver and every worker
# (the settings' hash names the installed models, and a worker with other models would rebuild what others built)
COPY models/ /opt/samtal/models/
# Flink's TaskManagers load samtal's classes from the submitted jar (flink run); the image gives them espeak-ng
RUN useradd --system --home-dir /opt/samtal --shell /usr/sbin/nologin samtal \
    && chown -R samtal /opt/flink/log /opt/flink/conf \
    && mkdir -p /opt/spark/work /opt/spark/logs && chown -R samtal /opt/spark/work /opt/spark/logs
USER samtal
WORKDIR /opt/samtal
ENTRYPOINT ["java", "-jar", "/opt/samtal/samtal.jar"]
