package dev.zapjobs.events.spring.boot.sampletest;

import dev.zapjobs.events.spring.boot.sample.SampleApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the sample application (with {@link TestHandlers}) on a random port, and reads its HTTP
 * endpoints. Only API that is the same on Spring Boot 3 and 4, so that the same tests run on both.
 */
final class SampleApps {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private SampleApps() {}

  static ConfigurableApplicationContext start(String database) {
    return new SpringApplicationBuilder(SampleApplication.class, TestHandlers.class)
        .run(
            "--server.port=0",
            "--spring.main.banner-mode=off",
            "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
  }

  static int port(ConfigurableApplicationContext app) {
    return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
  }

  record Response(int status, String body) {
    Map<String, Object> json() {
      return JsonParserFactory.getJsonParser().parseMap(body);
    }
  }

  static Response get(ConfigurableApplicationContext app, String path)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port(app) + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body());
  }
}
