package dev.identitybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * The add-in manifest that Outlook installs, and the headers of the add-in's pages. pom.xml gives
 * the server under test the public base URL of {@link FakeExchange#AUDIENCE}.
 */
@Tag("database-neutral")
class ManifestIT extends ServerIntegration {

  static final String OFFICE_APP = "http://schemas.microsoft.com/office/appforoffice/1.1";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  static final String PUBLIC_BASE_URL = "https://addin.identitybridge.test";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @Test
  void manifestOpensTheTaskPaneThatTokensAreIssuedFor() throws Exception {
    Http.Reply reply = http.send(http.request("addin/manifest.xml").build());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/xml");
    Element app = parse(reply.body()).getDocumentElement();
    assertThat(app.getNamespaceURI()).isEqualTo(OFFICE_APP);
    assertThat(app.getLocalName()).isEqualTo("OfficeApp");
    assertThat(app.getAttributeNS(XSI, "type")).isEqualTo("MailApp");
    assertThat(child(app, "Id").getTextContent())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(child(app, "Host").getAttribute("Name")).isEqualTo("Mailbox");
    assertThat(child(app, "Set").getAttribute("MinVersion")).isEqualTo("1.1");

    Element form = child(app, "Form");
    assertThat(form.getAttributeNS(XSI, "type")).isEqualTo("ItemRead");
    assertThat(child(form, "SourceLocation").getAttribute("DefaultValue"))
        .isEqualTo(FakeExchange.AUDIENCE);
    assertThat(child(app, "Permissions").getTextContent()).isEqualTo("ReadItem");
    Element rule = child(app, "Rule");
    assertThat(rule.getAttributeNS(XSI, "type")).isEqualTo("ItemIs");
    assertThat(rule.getAttribute("ItemType")).isEqualTo("Message");
    assertThat(rule.getAttribute("FormType")).isEqualTo("Read");
    assertThat(child(app, "AppDomain").getTextContent()).isEqualTo(PUBLIC_BASE_URL);
  }

  @Test
  void iconsArePngsOfTheSizesOutlookAsksFor() throws Exception {
    Element app =
        parse(http.send(http.request("addin/manifest.xml").build()).body()).getDocumentElement();

    assertPng(child(app, "IconUrl").getAttribute("DefaultValue"), 64);
    assertPng(child(app, "HighResolutionIconUrl").getAttribute("DefaultValue"), 128);
  }

  @Test
  void addinPagesMayBeFramedByOutlookOnly() {
    for (String page : new String[] {"addin/taskpane.html", "addin/manifest.xml"}) {
      Http.Reply reply = http.send(http.request(page).build());

      assertThat(reply.status()).as(page).isEqualTo(200);
      String policy = reply.header("Content-Security-Policy");
      assertThat(policy)
          .as(page)
          .contains(
              "frame-ancestors 'self' https://outlook.office.com https://outlook.office365.com"
                  + " https://outlook.live.com")
          .contains("script-src 'self' https://appsforoffice.microsoft.com")
          .contains("style-src 'self' https://appsforoffice.microsoft.com")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval");
      assertThat(reply.header("X-Content-Type-Options")).as(page).isEqualTo("nosniff");
      assertThat(reply.header("Referrer-Policy")).as(page).isEqualTo("no-referrer");
    }
  }

  /** The icon the manifest names, fetched from this server: the manifest's host is not real. */
  private void assertPng(String url, int size) throws Exception {
    assertThat(url).startsWith(PUBLIC_BASE_URL + "/addin/");
    String path = URI.create(url).getPath().substring(1);
    HttpResponse<byte[]> icon =
        HttpClient.newHttpClient()
            .send(http.request(path).build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(icon.statusCode()).as(url).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type")).as(url).hasValue("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(icon.body()));
    assertThat(image.getWidth()).as(url).isEqualTo(size);
    assertThat(image.getHeight()).as(url).isEqualTo(size);
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new java.io.StringReader(xml)));
  }

  /** The first descendant of that name in the manifest's namespace. */
  private static Element child(Element parent, String name) {
    Element found = (Element) parent.getElementsByTagNameNS(OFFICE_APP, name).item(0);
    assertThat(found).as(name).isNotNull();
    return found;
  }
}
