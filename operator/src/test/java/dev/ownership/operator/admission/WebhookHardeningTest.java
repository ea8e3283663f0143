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
      new ConnectionGuard.Limits(4, Duration.ofMillis(700), Duration.ofSeconds(4));

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

  /** A new connection that sends nothing is closed at the request deadline, not the idle one. */
  @Test
  void aNewConnectionThatSendsNothingIsClosedAtTheRequestDeadline() throws Exception {
    long started = System.nanoTime();
    SSLSocket idle = connect(null, null);
    await().atMost(Duration.ofSeconds(10)).until(() -> webhook.server.timedOutConnections() == 1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIGHT.idleDeadline());
    assertThat(isClosed(idle)).isTrue();
  }

  /**
   * A kept-alive connection may wait for its next request up to the idle deadline; once that
   * request's first byte arrives, the whole request must follow within the request deadline, so
   * headers sent a byte at a time are cut then, not when the idle deadline would end.
   */
  @Test
  void aKeptAliveConnectionWaitsTheIdleDeadlineButItsNextRequestOnlyTheRequestDeadline()
      throws Exception {
    SSLSocket kept = connect(null, null);
    assertThat(exchange(kept)).isEqualTo(200);
    Thread.sleep(TIGHT.requestDeadline().multipliedBy(2).toMillis());
    assertThat(exchange(kept)).as("still open past the request deadline").isEqualTo(200);

    OutputStream out = kept.getOutputStream();
    byte[] headers =
        "POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    long started = System.nanoTime();
    boolean closed = false;
    for (int i = 0; i < headers.length && !closed; i++) {
      try {
        out.write(headers[i]);
        out.flush();
        Thread.sleep(100);
      } catch (IOException e) {
        closed = true;
      }
      if (!closed) closed = webhook.server.timedOutConnections() > 0;
    }
    assertThat(closed).as("headers dribbled over %d ms were cut", headers.length * 100).isTrue();
    // Well before the idle deadline (4 s), which would otherwise be what cuts them.
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(TIGHT.requestDeadline().plusMillis(1500));
    assertThat(isClosed(kept)).isTrue();
    assertThat(webhook.server.timedOutConnections()).isEqualTo(1);
  }

  /** A kept-alive connection with nothing more to send is given back at the idle deadline. */
  @Test
  void aKeptAliveConnectionIsClosedAtTheIdleDeadline() throws Exception {
    SSLSocket kept = connect(null, null);
    assertThat(exchange(kept)).isEqualTo(200);
    long answered = System.nanoTime();
    await().atMost(Duration.ofSeconds(10)).until(() -> webhook.server.timedOutConnections() == 1);
    assertThat(Duration.ofNanos(System.nanoTime() - answered))
        .isGreaterThan(TIGHT.idleDeadline().minusMillis(500));
    assertThat(isClosed(kept)).isTrue();
  }

  /** One whole review on {@code socket}; returns the response's status. */
  private static int exchange(SSLSocket socket) throws IOException {
    byte[] body = Reviews.of(WorkloadKind.DEPLOYMENT).namespace("shop").object(null, null).json();
    RawResponse.postReview(socket.getOutputStream(), body);
    return RawResponse.read(socket.getInputStream()).status();
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
