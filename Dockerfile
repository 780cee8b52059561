# identity-bridge on the official Payara Micro image, with PostgreSQL as its database.
#   docker build -t identity-bridge .
#   docker run -p 8080:8080 -e IDENTITYBRIDGE_DB_HOST=db -e IDENTITYBRIDGE_DB_NAME=identitybridge \
#     -e IDENTITYBRIDGE_DB_USER=identitybridge -e IDENTITYBRIDGE_DB_PASSWORD=... identity-bridge

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
COPY src src
COPY webapp webapp
COPY server-config server-config
RUN mvn -B -q package -DskipTests

FROM payara/micro:6.2025.10-jdk17
# The base image already runs as the unprivileged user "payara"; files it needs are owned by it.
COPY --chown=payara:payara --from=build /build/target/identity-bridge.war /opt/payara/deployments/ROOT.war
COPY --chown=payara:payara --from=build /build/target/lib/postgresql.jar /opt/payara/lib/postgresql.jar
COPY --chown=payara:payara server-config/payara/post-boot-commands.asadmin /opt/payara/config/post-boot-commands.asadmin
USER payara
ENV IDENTITYBRIDGE_DB_PORT=5432
EXPOSE 8080
# Bash alone, because the image has no curl: ready means the database answers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /api/health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-jar", "/opt/payara/payara-micro.jar"]
CMD ["--nocluster", "--addLibs", "/opt/payara/lib/postgresql.jar", \
     "--postbootcommandfile", "/opt/payara/config/post-boot-commands.asadmin", \
     "--deploy", "/opt/payara/deployments/ROOT.war", "--contextroot", "/"]
