package com.salesconnect.tasksync.salesforce;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Reads an untrusted XML body into a namespace-aware DOM, or refuses it with a {@link MalformedMessageException}.
 *
 * <p>The size is checked before parsing; DTDs are refused outright (so no entity can be declared, expanded or
 * fetched); external entities, external DTD loading and XInclude are off; secure processing is on with explicit
 * JDK limits (entity expansion, element depth, attributes per element); comments are dropped. Every failure's
 * message names the problem without repeating the body, since the parser's own messages may quote it.
 */
final class HardenedXml {

    private final int maxBytes;
    private final int maxDepth;
    private final DocumentBuilderFactory factory;

    /**
     * @param maxBytes the largest body read; a larger one is refused before parsing
     * @param maxDepth the deepest element nesting accepted, the document element being level 1
     */
    HardenedXml(int maxBytes, int maxDepth) {
        if (maxBytes < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("the limits must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
        this.factory = hardenedFactory(maxDepth);
    }

    /**
     * @throws MalformedMessageException for a body that is empty, larger than the size limit, not well-formed XML,
     *                                   has a DTD, is nested deeper than the depth limit or exceeds the parser's limits
     */
    Document read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedMessageException("the body is empty");
        }
        if (body.length > maxBytes) {
            throw new MalformedMessageException("the body is larger than " + maxBytes + " bytes");
        }
        Document document = parse(body);
        checkDepth(document.getDocumentElement(), 1);
        return document;
    }

    private static DocumentBuilderFactory hardenedFactory(int maxDepth) {
        // The JDK's own parser, whatever else is on the classpath: its hardening features are known.
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setIgnoringComments(true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // With DTDs refused no entity can be declared; the limits are a second wall should that ever change.
            f.setAttribute("jdk.xml.entityExpansionLimit", "100");
            f.setAttribute("jdk.xml.totalEntitySizeLimit", "10000");
            f.setAttribute("jdk.xml.maxElementDepth", String.valueOf(maxDepth));
            f.setAttribute("jdk.xml.elementAttributeLimit", "50");
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the XML parser cannot be hardened", e);
        }
        return f;
    }

    private Document parse(byte[] body) {
        DocumentBuilder builder;
        synchronized (factory) {
            try {
                builder = factory.newDocumentBuilder();
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException("the XML parser cannot be created", e);
            }
        }
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entities are not allowed");
        });
        builder.setErrorHandler(new DefaultHandler() {
            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        try {
            return builder.parse(new ByteArrayInputStream(body));
        } catch (SAXParseException e) {
            throw new MalformedMessageException(describe(e));
        } catch (SAXException | IOException e) {
            throw new MalformedMessageException("the body is not well-formed XML");
        }
    }

    /** A safe description of a parse failure: the parser's own message may quote the body, so it is not used. */
    private String describe(SAXParseException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("DOCTYPE")) {
            return "DTDs are not allowed";
        }
        if (m.contains("maxElementDepth")) {
            return tooDeep();
        }
        if (m.contains("JAXP0001")) {
            return "the message exceeds the parser's limits";
        }
        return "the body is not well-formed XML (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")";
    }

    /** The parser's depth limit is the first wall; this walk is the second, should the limit ever be ignored. */
    private void checkDepth(Element element, int depth) {
        if (depth > maxDepth) {
            throw new MalformedMessageException(tooDeep());
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                checkDepth(child, depth + 1);
            }
        }
    }

    private String tooDeep() {
        return "the message is nested more than " + maxDepth + " levels deep";
    }
}
