package dev.ownership.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.TestSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real HTTPS server against hostile clients: weak TLS, slow senders, too many connections. */
class WebhookHardeningTest {
  static final ConnectionGuard.Limits TIGHT =
      new ConnectionGuard.Limits(4, Duration.ofMillis(700), Duration.ofSeconds(2));

  WebhookFixture webhook;
  final List<SSLSocket> sockets = new ArrayList<>();

  @BeforeEach
  void start() {
    webhook =
        new WebhookFixture(
            TestSettings.of(EnforcementMode.WARN),
            new InMemoryNamespaces(),
            Duration.ofSeconds(1),
            TIGHT);
  }

  @AfterEach
  void stop() throws IOException {
    for (SSLSocket socket : sockets) socket.close();
    webhook.close();
  }

  SSLSocket connect(String protocol, String suite) throws IOException {
    SSLSocket socket =
        (SSLSocket)
            WebhookFixture.sslContext(webhook.ca)
                .getSocketFactory()
                .createSocket("127.0.0.1", webhook.server.port());
    sockets.add(socket);
    if (protocol != null) socket.setEnabledProtocols(new String[] {protocol});
    if (suite != null) socket.setEnabledCipherSuites(new String[] {suite});
    socket.setSoTimeout(10_000);
    socket.startHandshake();
    return socket;
  }

  boolean answersAReview() {
    return webhook
            .post(Reviews.of(WorkloadKind.DEPLOYMENT).namespace("shop").object(null, null).json())
            .statusCode()
        == 200;
  }

  @Test
  void onlyForwardSecretAeadSuitesAreOffered() throws Exception {
    assertThatThrownBy(() -> connect("TLSv1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256"))
        .isInstanceOfAny(SSLHandshakeException.class, SocketException.class);
    assertThatThrownBy(() -> connect("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"))
        .isInstanceOfAny(SSLHandshakeException.class, SocketException.class);
    assertThat(
            connect("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
                .getSession()
                .getCipherSuite())
        .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    assertThat(connect("TLSv1.3", null).getSession().getProtocol()).isEqualTo("TLSv1.3");
    assertThat(WebhookServer.CIPHER_SUITES)
        .noneMatch(s -> s.startsWith("TLS_RSA_") || s.contains("CBC") || s.endsWith("_SHA"));
  }

  /** A client that dribbles its request is closed at the deadline; everyone else is answered. */
  @Test
  void aSlowClientIsClosedAtTheRequestDeadlineWhileReviewsGoOn() throws Exception {
    SSLSocket slow = connect(null, null);
    OutputStream out = slow.getOutputStream();
    out.write(
        "POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    long started = System.nanoTime();
    boolean closed = false;
    for (int i = 0; i < 100 && !closed; i++) {
      assertThat(answersAReview()).as("reviews are answered meanwhile").isTrue();
      try {
        out.write('{');
        out.flush();
        Thread.sleep(100);
      } catch (IOException e) {
        closed = true;
      }
      if (!closed) closed = webhook.server.timedOutConnections() > 0 && isClosed(slow);
    }
    assertThat(closed).as("the dribbling connection was closed").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    assertThat(webhook.server.timedOutConnections()).isEqualTo(1);
  }

  /** Past the cap a new connection is closed at once; when others go, it is accepted again. */
  @Test
  void connectionsBeyondTheCapAreRefusedAndCounted() throws Exception {
    List<SSLSocket> idle = new ArrayList<>();
    for (int i = 0; i < TIGHT.maxConnections(); i++) idle.add(connect(null, null));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> webhook.server.openConnections() == TIGHT.maxConnections());
    SSLSocket extra = connect(null, null);
    assertThat(isClosed(extra)).as("the connection past the cap is closed").isTrue();
    assertThat(webhook.server.refusedConnections()).isEqualTo(1);

    idle.get(0).close();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> webhook.server.openConnections() < TIGHT.maxConnections());
    assertThat(answersAReview()).isTrue();
  }

  /** An idle connection is given back after the idle deadline. */
  @Test
  void anIdleConnectionIsClosedAfterTheIdleDeadline() throws Exception {
    SSLSocket idle = connect(null, null);
    await().atMost(Duration.ofSeconds(10)).until(() -> webhook.server.timedOutConnections() == 1);
    assertThat(isClosed(idle)).isTrue();
  }

  private static boolean isClosed(SSLSocket socket) {
    try {
      socket.setSoTimeout(3_000);
      InputStream in = socket.getInputStream();
      return in.read() == -1;
    } catch (IOException e) {
      return true;
    }
  }
}
