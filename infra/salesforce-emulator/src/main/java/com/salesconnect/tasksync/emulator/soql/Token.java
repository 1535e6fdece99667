package com.salesconnect.tasksync.emulator.soql;

/** One lexical token of a SOQL statement; {@code column} is 1-based, as Salesforce reports positions. */
record Token(Kind kind, String text, Object value, int column) {

    enum Kind { IDENT, STRING, NUMBER, DATE, DATETIME, OPERATOR, LPAREN, RPAREN, COMMA, COLON, EOF }

    boolean isKeyword(String keyword) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    boolean is(Kind k) {
        return kind == k;
    }

    String describe() {
        return kind == Kind.EOF ? "<EOF>" : text;
    }
}
