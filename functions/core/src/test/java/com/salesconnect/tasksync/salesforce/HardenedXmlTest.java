package com.salesconnect.tasksync.salesforce;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HardenedXmlTest {

    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

    final HardenedXml xml = new HardenedXml(4096, 8);

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String nested(int levels) {
        return "<x>".repeat(levels) + "</x>".repeat(levels);
    }

    @Test
    void aSoapEnvelope_isReadNamespaceAware_withItsTextAndWithoutComments() {
        Document d = xml.read(bytes("""
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
                 <soapenv:Body>
                  <!-- a comment the reader drops -->
                  <ping xmlns="urn:example">Caf\u00e9 &amp; &lt;more&gt;</ping>
                 </soapenv:Body>
                </soapenv:Envelope>
                """));

        Element envelope = d.getDocumentElement();
        assertThat(envelope.getNamespaceURI()).isEqualTo(SOAP_NS);
        assertThat(envelope.getLocalName()).isEqualTo("Envelope");
        Element ping = (Element) d.getElementsByTagNameNS("urn:example", "ping").item(0);
        assertThat(ping.getTextContent()).isEqualTo("Caf\u00e9 & <more>");
        Node body = d.getElementsByTagNameNS(SOAP_NS, "Body").item(0);
        for (Node n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
            assertThat(n.getNodeType()).isNotEqualTo(Node.COMMENT_NODE);
        }
    }

    @Test
    void anExternalEntity_isRefusedAsADtd_andTheFileIsNeverRead() throws Exception {
        Path secret = Files.createTempFile("xxe", ".txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        try {
            String xxe = "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]><r>&xxe;</r>";

            assertThatThrownBy(() -> xml.read(bytes(xxe)))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessage("DTDs are not allowed")
                    .hasMessageNotContaining("TOP-SECRET");
        } finally {
            Files.delete(secret);
        }
    }

    @Test
    void anExternalParameterEntity_isRefusedAsADtd() {
        String xxe = "<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/evil.dtd\"> %p;]><r/>";

        assertThatThrownBy(() -> xml.read(bytes(xxe))).hasMessage("DTDs are not allowed");
    }

    @Test
    void anExternalDtd_isRefusedWithoutBeingFetched() {
        String external = "<!DOCTYPE r SYSTEM \"http://127.0.0.1:1/evil.dtd\"><r/>";

        assertThatThrownBy(() -> xml.read(bytes(external)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("DTDs are not allowed");
    }

    @Test
    void billionLaughs_isRefused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10)).append("\">");
        }
        dtd.append("]><lolz>&lol9;</lolz>");

        assertThatThrownBy(() -> xml.read(bytes(dtd.toString())))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("DTDs are not allowed");
    }

    @Test
    void anXInclude_staysAnElement_andTheFileIsNeverRead() throws Exception {
        Path secret = Files.createTempFile("xinclude", ".txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        try {
            Document d = xml.read(bytes("<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\""
                    + secret.toUri() + "\" parse=\"text\"/></r>"));

            assertThat(d.getDocumentElement().getTextContent()).doesNotContain("TOP-SECRET");
            assertThat(d.getElementsByTagNameNS("http://www.w3.org/2001/XInclude", "include").getLength())
                    .isEqualTo(1);
        } finally {
            Files.delete(secret);
        }
    }

    @Test
    void aBodyOverTheSizeLimit_isRefusedBeforeParsing() {
        byte[] huge = new byte[4097];
        java.util.Arrays.fill(huge, (byte) '<');

        assertThatThrownBy(() -> xml.read(huge))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("the body is larger than 4096 bytes");
    }

    @Test
    void aBodyAtTheSizeLimit_isRead() {
        String padded = "<r>" + "a".repeat(4096 - "<r></r>".length()) + "</r>";

        assertThat(xml.read(bytes(padded)).getDocumentElement().getTextContent()).hasSize(4089);
    }

    @Test
    void nestingAtTheDepthLimit_isRead_oneLevelMore_isRefused() {
        assertThat(xml.read(bytes(nested(8))).getDocumentElement().getLocalName()).isEqualTo("x");

        assertThatThrownBy(() -> xml.read(bytes(nested(9))))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("the message is nested more than 8 levels deep");
    }

    @Test
    void tooManyAttributesOnOneElement_exceedTheParsersLimits() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            attributes.append(" a").append(i).append("=\"v\"");
        }

        assertThatThrownBy(() -> xml.read(bytes("<r" + attributes + "/>")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("the message exceeds the parser's limits");
    }

    @Test
    void anEmptyOrMissingBody_isRefused() {
        assertThatThrownBy(() -> xml.read(new byte[0])).hasMessage("the body is empty");
        assertThatThrownBy(() -> xml.read(null)).hasMessage("the body is empty");
    }

    @Test
    void malformedXml_isRefusedWithItsPosition_withoutQuotingTheBody() {
        assertThatThrownBy(() -> xml.read(bytes("<r>secret-value</q>")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("the body is not well-formed XML (line 1, column")
                .hasMessageNotContaining("secret-value")
                .hasMessageNotContaining("q");
    }

    @Test
    void nonPositiveLimits_areAProgrammingError() {
        assertThatThrownBy(() -> new HardenedXml(0, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HardenedXml(4096, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
