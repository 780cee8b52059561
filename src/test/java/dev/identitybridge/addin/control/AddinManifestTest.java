package dev.identitybridge.addin.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class AddinManifestTest {

  @Test
  void everyUrlStartsWithThePublicBaseUrlWithoutItsTrailingSlash() throws Exception {
    Document manifest = parse(new AddinManifest("https://addin.contoso.com").xml());

    assertThat(attribute(manifest, "SourceLocation"))
        .isEqualTo("https://addin.contoso.com/addin/taskpane.html");
    assertThat(attribute(manifest, "IconUrl"))
        .isEqualTo("https://addin.contoso.com/addin/icon-64.png");
    assertThat(attribute(manifest, "HighResolutionIconUrl"))
        .isEqualTo("https://addin.contoso.com/addin/icon-128.png");
    assertThat(text(manifest, "AppDomain")).isEqualTo("https://addin.contoso.com");
  }

  @Test
  void aBaseUrlWithMarkupInItStaysText() throws Exception {
    Document manifest = parse(new AddinManifest("https://contoso.com/a?b=1&c=\"<x>\"").xml());

    assertThat(attribute(manifest, "SourceLocation"))
        .isEqualTo("https://contoso.com/a?b=1&c=\"<x>\"/addin/taskpane.html");
    assertThat(manifest.getElementsByTagNameNS("*", "x").getLength()).isZero();
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static Element element(Document manifest, String name) {
    return (Element) manifest.getElementsByTagNameNS(AddinManifest.OFFICE_APP, name).item(0);
  }

  private static String attribute(Document manifest, String name) {
    return element(manifest, name).getAttribute("DefaultValue");
  }

  private static String text(Document manifest, String name) {
    return element(manifest, name).getTextContent();
  }
}
