package com.salesconnect.tasksync.emulator.outbound;

import com.salesconnect.tasksync.emulator.sobject.FieldCodec;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/** Writes the SOAP 1.1 {@code notifications} message Salesforce posts, and reads the listener's acknowledgement. */
public final class SoapMessages {

    public static final String OUTBOUND_NS = "http://soap.sforce.com/2005/09/outbound";
    public static final String SOBJECT_NS = "urn:sobject.enterprise.soap.sforce.com";

    /** One notification: its id and the record (only its Id when the record was deleted before sending). */
    public record Notification(String id, String recordId, SObjectRecord record) {
    }

    /** The message header values. A null session id is sent as {@code xsi:nil}, as the WSDL declares it nillable. */
    public record Envelope(String organizationId, String actionId, String sessionId, String enterpriseUrl,
                           String partnerUrl) {
        @Override
        public String toString() {
            return "Envelope[" + organizationId + ", " + actionId + "]";
        }
    }

    private SoapMessages() {
    }

    /**
     * @param fields     the Task fields the outbound message sends, Id first
     * @param nullsAsNil true: a null field is sent as {@code xsi:nil="true"}; false: it is left out (Salesforce)
     */
    public static String notifications(Envelope envelope, List<Notification> notifications, List<String> fields,
                                       boolean nullsAsNil) {
        StringBuilder x = new StringBuilder(1024 + notifications.size() * 1024);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" ")
                .append("xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" ")
                .append("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
        x.append(" <soapenv:Body>\n");
        x.append("  <notifications xmlns=\"").append(OUTBOUND_NS).append("\">\n");
        element(x, "   ", "OrganizationId", envelope.organizationId());
        element(x, "   ", "ActionId", envelope.actionId());
        if (envelope.sessionId() == null) {
            x.append("   <SessionId xsi:nil=\"true\"/>\n");
        } else {
            element(x, "   ", "SessionId", envelope.sessionId());
        }
        element(x, "   ", "EnterpriseUrl", envelope.enterpriseUrl());
        element(x, "   ", "PartnerUrl", envelope.partnerUrl());
        for (Notification n : notifications) {
            x.append("   <Notification>\n");
            element(x, "    ", "Id", n.id());
            x.append("    <sObject xsi:type=\"sf:Task\" xmlns:sf=\"").append(SOBJECT_NS).append("\">\n");
            if (n.record() == null) {
                element(x, "     ", "sf:Id", n.recordId());
            } else {
                for (String field : fields) {
                    Object value = n.record().get(field);
                    if (value != null) {
                        element(x, "     ", "sf:" + field, FieldCodec.toSoap(value));
                    } else if (nullsAsNil) {
                        x.append("     <sf:").append(field).append(" xsi:nil=\"true\"/>\n");
                    }
                }
            }
            x.append("    </sObject>\n");
            x.append("   </Notification>\n");
        }
        x.append("  </notifications>\n");
        x.append(" </soapenv:Body>\n");
        x.append("</soapenv:Envelope>\n");
        return x.toString();
    }

    /** Whether a listener's answer is a {@code notificationsResponse} with {@code <Ack>true</Ack>}. */
    public static boolean isAck(byte[] response) {
        if (response == null || response.length == 0) {
            return false;
        }
        try {
            Document doc = parser().parse(new ByteArrayInputStream(response));
            NodeList acks = doc.getElementsByTagNameNS("*", "Ack");
            for (int i = 0; i < acks.getLength(); i++) {
                if ("true".equals(acks.item(i).getTextContent().trim())) {
                    return true;
                }
            }
            return false;
        } catch (SAXException | IOException e) {
            return false;
        }
    }

    /** A parser that refuses DTDs and external entities: a listener's answer is untrusted input. */
    private static DocumentBuilder parser() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IOException("XML parser unavailable", e);
        }
    }

    private static void element(StringBuilder x, String indent, String name, String value) {
        x.append(indent).append('<').append(name).append('>').append(escape(value)).append("</").append(name)
                .append(">\n");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\r' -> b.append("&#13;");
                default -> {
                    // XML 1.0 cannot carry most control characters, even escaped; Salesforce drops them too.
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
