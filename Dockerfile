# Image for the operator. Build the jar first (mvn -B package), then: docker build -t ownership-operator:0.1.0 .
# Not built in this project's CI (no container engine there); kept minimal on purpose.
FROM eclipse-temurin:17-jre
# A fixed numeric non-root user, so Kubernetes can check runAsNonRoot without reading /etc/passwd.
RUN useradd --uid 65532 --no-create-home --shell /usr/sbin/nologin ownership
COPY operator/target/ownership-operator.jar /app/ownership-operator.jar
USER 65532:65532
ENTRYPOINT ["java", "-jar", "/app/ownership-operator.jar"]
CMD ["run"]
