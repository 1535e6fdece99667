package com.salesconnect.tasksync.emulator.soql;

import java.util.List;

/** A WHERE clause, as a tree. Field names are the object's canonical API names once bound. */
public sealed interface Condition {

    record And(List<Condition> terms) implements Condition {
        public And {
            terms = List.copyOf(terms);
        }
    }

    record Or(List<Condition> terms) implements Condition {
        public Or {
            terms = List.copyOf(terms);
        }
    }

    record Not(Condition term) implements Condition {
    }

    record Compare(String field, Operator op, Literal value) implements Condition {
    }

    record In(String field, boolean negated, List<Literal> values) implements Condition {
        public In {
            values = List.copyOf(values);
        }
    }

    record Like(String field, Literal.Text pattern) implements Condition {
    }

    /** No WHERE clause. */
    record Always() implements Condition {
    }

    enum Operator {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        static Operator of(String symbol) {
            for (Operator op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException(symbol);
        }

        public String symbol() {
            return symbol;
        }
    }
}
