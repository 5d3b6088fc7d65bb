// The Java recipe: JDK 11+ HttpClient, the CA in a PKCS12 truststore made by keytool and given as
// -Djavax.net.ssl.trustStore (the test runs it so), the real host name resolved by
// -Djdk.net.hosts.file. Posts a SOAP 1.1 envelope; prints the status, a line end, the body.
// Usage: java -Djavax.net.ssl.trustStore=… -Djavax.net.ssl.trustStorePassword=… \
//   -Djdk.net.hosts.file=hosts Recipe.java <url> <soap action> <envelope>
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

public class Recipe {
  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(args[0]))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "text/xml; charset=utf-8")
            .header("SOAPAction", "\"" + args[1] + "\"")
            .POST(HttpRequest.BodyPublishers.ofString(args[2]))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    System.out.println(response.statusCode());
    System.out.println(response.body());
  }
}
