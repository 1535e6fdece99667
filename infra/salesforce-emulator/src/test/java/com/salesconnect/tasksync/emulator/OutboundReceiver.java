package com.salesconnect.tasksync.emulator;

import com.sun.net.httpserver.HttpServer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A tiny outbound-message listener: records each message and answers as told (ack by default). */
final class OutboundReceiver implements AutoCloseable {

    static final String ACK = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope "
            + "xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
            + "<notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Ack>true</Ack>"
            + "</notificationsResponse></soapenv:Body></soapenv:Envelope>";
    static final String NACK = ACK.replace("<Ack>true</Ack>", "<Ack>false</Ack>");

    record Answer(int status, String body) {
    }

    /** One received message, parsed. */
    record Message(String contentType, String soapAction, String organizationId, String actionId, String sessionId,
                   boolean sessionIdNil, String enterpriseUrl, String partnerUrl, List<Notification> notifications,
                   String raw) {
    }

    /** One notification: its id, the sObject's xsi:type and its fields (null values for xsi:nil). */
    record Notification(String id, String type, Map<String, String> fields) {
    }

    private final HttpServer server;
    private final List<Message> received = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();

    OutboundReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            received.add(parse(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("SOAPAction"), body));
            Answer answer = script.poll();
            if (answer == null) {
                answer = new Answer(200, ACK);
            }
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/outbound");
    }

    /** The next answers, in order; after them the receiver acknowledges. */
    void answer(Answer... answers) {
        script.addAll(List.of(answers));
    }

    List<Message> messages() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<Notification> notifications() {
        return messages().stream().flatMap(m -> m.notifications().stream()).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static Message parse(String contentType, String soapAction, byte[] body) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
            String ns = "http://soap.sforce.com/2005/09/outbound";
            Element root = (Element) doc.getElementsByTagNameNS(ns, "notifications").item(0);
            Element session = child(root, ns, "SessionId");
            List<Notification> notifications = new ArrayList<>();
            NodeList list = root.getElementsByTagNameNS(ns, "Notification");
            for (int i = 0; i < list.getLength(); i++) {
                Element n = (Element) list.item(i);
                Element sObject = child(n, ns, "sObject");
                Map<String, String> fields = new LinkedHashMap<>();
                for (Node c = sObject.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element e) {
                        assertSobjectNamespace(e);
                        boolean nil = "true".equals(e.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"));
                        fields.put(e.getLocalName(), nil ? null : e.getTextContent());
                    }
                }
                notifications.add(new Notification(text(child(n, ns, "Id")),
                        sObject.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type"), fields));
            }
            return new Message(contentType, soapAction, text(child(root, ns, "OrganizationId")),
                    text(child(root, ns, "ActionId")), session == null ? null : text(session),
                    session != null && "true".equals(session.getAttributeNS(
                            "http://www.w3.org/2001/XMLSchema-instance", "nil")),
                    text(child(root, ns, "EnterpriseUrl")), text(child(root, ns, "PartnerUrl")), notifications,
                    new String(body, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("unparseable outbound message", e);
        }
    }

    private static void assertSobjectNamespace(Element e) {
        if (!"urn:sobject.enterprise.soap.sforce.com".equals(e.getNamespaceURI())) {
            throw new IllegalStateException("sObject field outside the sf namespace: " + e.getTagName());
        }
    }

    private static Element child(Element parent, String ns, String name) {
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent();
    }
}
