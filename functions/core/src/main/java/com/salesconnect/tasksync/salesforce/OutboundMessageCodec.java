package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.task.SfTask;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads Salesforce Outbound Messages (SOAP 1.1 {@code notifications}) and writes the answers Salesforce expects:
 * the {@code notificationsResponse} acknowledgement and SOAP 1.1 faults.
 *
 * <p>The body is read by {@link HardenedXml} (size and depth limits, no DTDs, no external entities); this class
 * maps the SOAP shape. Every failure is a {@link MalformedMessageException} whose message names the problem
 * without repeating the body. The SessionId the message may carry is never read into memory beyond the DOM,
 * never kept and never logged.
 */
public final class OutboundMessageCodec {

    public static final int MAX_BODY_BYTES = 1024 * 1024;
    public static final int MAX_DEPTH = 32;
    public static final int MAX_NOTIFICATIONS = 100;
    /** More fields than any sObject has: Task has about 50. */
    static final int MAX_FIELDS = 800;

    /** The HTTP Content-Type of acknowledgements and faults (SOAP 1.1). */
    public static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String OUTBOUND_NS = "http://soap.sforce.com/2005/09/outbound";
    static final String SOBJECT_NS = "urn:sobject.enterprise.soap.sforce.com";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");

    private static final String ACK = """
            <?xml version="1.0" encoding="UTF-8"?>
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
             <soapenv:Body>
              <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">
               <Ack>true</Ack>
              </notificationsResponse>
             </soapenv:Body>
            </soapenv:Envelope>
            """;

    /** Who is to blame for a fault: the sender (do not retry as is) or this server (Salesforce retries). */
    public enum FaultCode {
        CLIENT("soapenv:Client"), SERVER("soapenv:Server");

        private final String qname;

        FaultCode(String qname) {
            this.qname = qname;
        }
    }

    private final HardenedXml xml = new HardenedXml(MAX_BODY_BYTES, MAX_DEPTH);

    // ---- reading ------------------------------------------------------------------------------------------

    /**
     * Reads a message whose notifications must all be Tasks.
     *
     * @throws MalformedMessageException for anything but a well-formed Task Outbound Message
     */
    public OutboundMessage parse(byte[] body) {
        OutboundEnvelope envelope = parseEnvelope(body);
        List<OutboundMessage.Notification> notifications = new ArrayList<>();
        int index = 0;
        for (OutboundEnvelope.Notification n : envelope.notifications()) {
            index++;
            if (!n.isTask()) {
                String type = TYPE_NAME.matcher(n.sObjectType()).matches() ? n.sObjectType() : "another sObject";
                throw new MalformedMessageException("notification " + index + " carries a " + type
                        + ", not a Task: this endpoint accepts Task messages only");
            }
            notifications.add(new OutboundMessage.Notification(n.id(), task(n, index), taskFieldsOf(n)));
        }
        return new OutboundMessage(envelope.organizationId(), envelope.actionId(), envelope.enterpriseUrl(),
                envelope.partnerUrl(), notifications);
    }

    public OutboundMessage parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the envelope of a message for any sObject type.
     *
     * @throws MalformedMessageException for a body that is too large, not XML, has a DTD, is nested too deeply,
     *                                   is not a SOAP 1.1 {@code notifications} message, or has no or more than
     *                                   {@value #MAX_NOTIFICATIONS} notifications
     */
    public OutboundEnvelope parseEnvelope(byte[] body) {
        Element envelope = xml.read(body).getDocumentElement();
        if (!is(envelope, SOAP_NS, "Envelope")) {
            throw new MalformedMessageException("the body is not a SOAP 1.1 envelope");
        }
        Element soapBody = single(children(envelope, SOAP_NS, "Body"), "the envelope has no single SOAP Body");
        List<Element> content = children(soapBody);
        if (content.size() != 1 || !"notifications".equals(content.get(0).getLocalName())) {
            throw new MalformedMessageException("the SOAP Body does not hold a single notifications element");
        }
        Element notifications = content.get(0);
        if (!OUTBOUND_NS.equals(notifications.getNamespaceURI())) {
            throw new MalformedMessageException("notifications is in the wrong namespace; expected " + OUTBOUND_NS);
        }
        return envelope(notifications);
    }

    public OutboundEnvelope parseEnvelope(String body) {
        return parseEnvelope(body.getBytes(StandardCharsets.UTF_8));
    }

    private OutboundEnvelope envelope(Element notifications) {
        List<Element> items = children(notifications, OUTBOUND_NS, "Notification");
        if (items.isEmpty()) {
            throw new MalformedMessageException("the message has no notifications");
        }
        if (items.size() > MAX_NOTIFICATIONS) {
            throw new MalformedMessageException("the message has more than " + MAX_NOTIFICATIONS + " notifications");
        }
        String organizationId = idOf(optionalText(notifications, "OrganizationId"), "OrganizationId");
        String actionId = idOf(optionalText(notifications, "ActionId"), "ActionId");
        String enterpriseUrl = optionalText(notifications, "EnterpriseUrl");
        String partnerUrl = optionalText(notifications, "PartnerUrl");
        List<OutboundEnvelope.Notification> parsed = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            parsed.add(notification(items.get(i), i + 1));
        }
        return new OutboundEnvelope(organizationId, actionId, enterpriseUrl, partnerUrl, parsed);
    }

    private OutboundEnvelope.Notification notification(Element notification, int index) {
        String where = "notification " + index;
        String id = optionalText(notification, "Id");
        if (id == null || !ID.matcher(id).matches()) {
            throw new MalformedMessageException(where + " has no valid Id");
        }
        Element sObject = single(children(notification, OUTBOUND_NS, "sObject"), where + " has no single sObject");
        String type = sObjectType(sObject, where);
        List<Element> fieldElements = children(sObject);
        if (fieldElements.size() > MAX_FIELDS) {
            throw new MalformedMessageException(where + " has more than " + MAX_FIELDS + " fields");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element field : fieldElements) {
            if (!SOBJECT_NS.equals(field.getNamespaceURI())) {
                throw new MalformedMessageException(where + " has a field outside " + SOBJECT_NS);
            }
            String name = field.getLocalName();
            if (fields.containsKey(name)) {
                throw new MalformedMessageException(where + " sends a field twice");
            }
            fields.put(name, fieldValue(field, where));
        }
        return new OutboundEnvelope.Notification(id, type, fields);
    }

    /** The local part of {@code xsi:type}, whose prefix (if any) must be the enterprise sObject namespace. */
    private static String sObjectType(Element sObject, String where) {
        String type = sObject.getAttributeNS(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "type").trim();
        if (type.isEmpty()) {
            throw new MalformedMessageException(where + " has an sObject without xsi:type");
        }
        int colon = type.indexOf(':');
        String prefix = colon < 0 ? null : type.substring(0, colon);
        String local = type.substring(colon + 1);
        String namespace = sObject.lookupNamespaceURI(prefix);
        if (!SOBJECT_NS.equals(namespace)) {
            throw new MalformedMessageException(where + " has an sObject type outside " + SOBJECT_NS);
        }
        if (!TYPE_NAME.matcher(local).matches()) {
            throw new MalformedMessageException(where + " has an invalid sObject type");
        }
        return local;
    }

    private static String fieldValue(Element field, String where) {
        String nil = field.getAttributeNS(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "nil").trim();
        boolean isNil = nil.equals("true") || nil.equals("1");
        if (!children(field).isEmpty()) {
            throw new MalformedMessageException(where + " has a field holding elements instead of a value");
        }
        return isNil ? null : field.getTextContent();
    }

    private static SfTask task(OutboundEnvelope.Notification n, int index) {
        String where = "notification " + index;
        String id = n.text("Id");
        if (id == null || !ID.matcher(id.trim()).matches()) {
            throw new MalformedMessageException(where + " has a Task without a valid Id");
        }
        return new SfTask(id.trim(),
                ref(n, "OwnerId", where),
                n.text("Subject"),
                n.text("Description"),
                typed(n, "ActivityDate", where, "date", n::date),
                n.text("Status"),
                typed(n, "IsClosed", where, "boolean", n::bool),
                n.text("Priority"),
                typed(n, "ReminderDateTime", where, "date-time", n::dateTime),
                typed(n, "IsReminderSet", where, "boolean", n::bool),
                n.text("TaskSubtype"),
                ref(n, "WhoId", where),
                ref(n, "WhatId", where),
                typed(n, "CreatedDate", where, "date-time", n::dateTime),
                typed(n, "LastModifiedDate", where, "date-time", n::dateTime),
                typed(n, "SystemModstamp", where, "date-time", n::dateTime),
                typed(n, "IsDeleted", where, "boolean", n::bool),
                typed(n, "IsRecurrence", where, "boolean", n::bool),
                ref(n, "CreatedById", where));
    }

    private static <T> T typed(OutboundEnvelope.Notification n, String field, String where, String kind,
                               Function<String, T> read) {
        try {
            return read.apply(field);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(where + ": " + field + " is not a valid " + kind);
        }
    }

    private static String ref(OutboundEnvelope.Notification n, String field, String where) {
        String value = n.text(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!ID.matcher(value.trim()).matches()) {
            throw new MalformedMessageException(where + ": " + field + " is not a valid Salesforce id");
        }
        return value.trim();
    }

    private static Set<String> taskFieldsOf(OutboundEnvelope.Notification n) {
        Set<String> present = new HashSet<>(n.fields().keySet());
        present.retainAll(SalesforceApi.TASK_FIELDS);
        return present;
    }

    // ---- writing ------------------------------------------------------------------------------------------

    /** {@code notificationsResponse} with {@code Ack=true}: Salesforce stops redelivering the message. */
    public String acknowledgement() {
        return ACK;
    }

    /**
     * A SOAP 1.1 fault; {@code faultString} must be safe to show the sender (a {@link MalformedMessageException}
     * message, or a fixed text). Salesforce treats any fault as a failed delivery and retries.
     */
    public String fault(FaultCode code, String faultString) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
                 <soapenv:Body>
                  <soapenv:Fault>
                   <faultcode>%s</faultcode>
                   <faultstring>%s</faultstring>
                  </soapenv:Fault>
                 </soapenv:Body>
                </soapenv:Envelope>
                """.formatted(code.qname, escape(faultString));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // Characters XML 1.0 cannot carry are dropped rather than breaking the fault.
                    boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                    if (allowed) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    // ---- DOM navigation ---------------------------------------------------------------------------------

    private static boolean is(Element e, String namespace, String localName) {
        return namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName());
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        return children(parent).stream().filter(e -> is(e, namespace, localName)).toList();
    }

    private static Element single(List<Element> elements, String problem) {
        if (elements.size() != 1) {
            throw new MalformedMessageException(problem);
        }
        return elements.get(0);
    }

    /** The trimmed text of the single child element {@code name} in the outbound namespace, null when absent. */
    private static String optionalText(Element parent, String name) {
        List<Element> found = children(parent, OUTBOUND_NS, name);
        if (found.size() > 1) {
            throw new MalformedMessageException(name + " appears more than once");
        }
        if (found.isEmpty()) {
            return null;
        }
        if (!children(found.get(0)).isEmpty()) {
            throw new MalformedMessageException(name + " holds elements instead of a value");
        }
        String text = found.get(0).getTextContent().trim();
        return text.isEmpty() ? null : text;
    }

    private static String idOf(String value, String name) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new MalformedMessageException("the message has no valid " + name);
        }
        return value;
    }
}
