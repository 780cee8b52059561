package dev.identitybridge.addin.control;

import dev.identitybridge.config.control.Configuration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.StringWriter;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The add-in's XML manifest (schema 1.1, a mail add-in shown when a message is read). Every URL in
 * it derives from the public base URL, so the task pane Outlook opens is the default audience of
 * the identity tokens. Written with an XML writer because the base URL is configuration and gets
 * escaped like any other text.
 */
@ApplicationScoped
public class AddinManifest {

  /** The add-in's identity in Outlook; it never changes, or every user would get a new add-in. */
  public static final String ID = "3938c633-0908-4599-8887-9f9582dec876";

  /** Four-part, as the schema wants; raise it when the manifest changes. */
  public static final String VERSION = "1.0.0.0";

  static final String OFFICE_APP = "http://schemas.microsoft.com/office/appforoffice/1.1";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

  private final String baseUrl;

  /** For the container's client proxy only. */
  protected AddinManifest() {
    this.baseUrl = null;
  }

  @Inject
  public AddinManifest(Configuration configuration) {
    this(configuration.publicBaseUrl());
  }

  /**
   * @param baseUrl the public base URL without a trailing slash
   */
  public AddinManifest(String baseUrl) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
  }

  /** The task pane's address, and so the {@code aud} of the tokens Outlook hands it. */
  public String taskPaneUrl() {
    return baseUrl + Configuration.TASK_PANE_PATH;
  }

  public String xml() {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XML.createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("OfficeApp");
      xml.writeDefaultNamespace(OFFICE_APP);
      xml.writeNamespace("xsi", XSI);
      xml.writeAttribute(XSI, "type", "MailApp");
      // The schema fixes the order of these elements.
      text(xml, "Id", ID);
      text(xml, "Version", VERSION);
      text(xml, "ProviderName", "identity-bridge");
      text(xml, "DefaultLocale", "en-US");
      value(xml, "DisplayName", "identity-bridge");
      value(
          xml,
          "Description",
          "Recognises you from your Exchange mailbox and links it to your account.");
      value(xml, "IconUrl", baseUrl + "/addin/icon-64.png");
      value(xml, "HighResolutionIconUrl", baseUrl + "/addin/icon-128.png");
      value(xml, "SupportUrl", baseUrl + "/addin/taskpane.html");
      xml.writeStartElement("AppDomains");
      text(xml, "AppDomain", origin());
      xml.writeEndElement();
      xml.writeStartElement("Hosts");
      xml.writeEmptyElement("Host");
      xml.writeAttribute("Name", "Mailbox");
      xml.writeEndElement();
      xml.writeStartElement("Requirements");
      xml.writeStartElement("Sets");
      xml.writeEmptyElement("Set");
      xml.writeAttribute("Name", "Mailbox");
      // 1.1 brings getUserIdentityTokenAsync, and every Exchange that issues identity tokens has
      // it.
      xml.writeAttribute("MinVersion", "1.1");
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeStartElement("FormSettings");
      xml.writeStartElement("Form");
      xml.writeAttribute(XSI, "type", "ItemRead");
      xml.writeStartElement("DesktopSettings");
      value(xml, "SourceLocation", taskPaneUrl());
      text(xml, "RequestedHeight", "300");
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndElement();
      // The least that getUserIdentityTokenAsync needs.
      text(xml, "Permissions", "ReadItem");
      xml.writeEmptyElement("Rule");
      xml.writeAttribute(XSI, "type", "ItemIs");
      xml.writeAttribute("ItemType", "Message");
      xml.writeAttribute("FormType", "Read");
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("Cannot write the add-in manifest", e);
    }
    return out.toString();
  }

  /**
   * Scheme, host and port of the base URL: the domain Outlook lets the add-in's pages use. Cut out
   * of the text rather than parsed, so that a malformed setting still gives a manifest to look at.
   */
  private String origin() {
    int host = baseUrl.indexOf("://");
    int path = host < 0 ? -1 : baseUrl.indexOf('/', host + 3);
    return path < 0 ? baseUrl : baseUrl.substring(0, path);
  }

  private static void text(XMLStreamWriter xml, String element, String text)
      throws XMLStreamException {
    xml.writeStartElement(element);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }

  private static void value(XMLStreamWriter xml, String element, String value)
      throws XMLStreamException {
    xml.writeEmptyElement(element);
    xml.writeAttribute("DefaultValue", value);
  }
}
