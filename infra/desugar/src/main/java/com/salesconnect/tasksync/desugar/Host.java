package com.salesconnect.tasksync.desugar;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * A class of the jar that holds lambda sites: finds them, and gives the generated classes something they may call
 * for each (adding accessors where the lambda's target is out of their reach).
 */
final class Host {

    private final ClassNode node;
    private final boolean isInterface;
    private final Set<String> methodNames = new HashSet<>();
    private final List<MethodNode> accessors = new ArrayList<>();
    private boolean changed;

    Host(ClassNode node) {
        this.node = node;
        this.isInterface = (node.access & Opcodes.ACC_INTERFACE) != 0;
        node.methods.forEach(m -> methodNames.add(m.name));
    }

    String name() {
        return node.name;
    }

    ClassNode node() {
        return node;
    }

    /** Whether a site of this class was rewritten (it then has to be written back). */
    boolean changed() {
        return changed;
    }

    /** The lambda sites this tool rewrites, in the order of the class's methods and code. */
    List<LambdaSite> sites() {
        List<LambdaSite> sites = new ArrayList<>();
        for (MethodNode method : node.methods) {
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof InvokeDynamicInsnNode indy) {
                    LambdaSite site = LambdaSite.of(this, method.instructions, indy);
                    if (site != null && rewritable(site.implementation())) {
                        sites.add(site);
                    }
                }
            }
        }
        return sites;
    }

    /**
     * Replaces a site's {@code invokedynamic} with the push of its index and a call of its generated class's factory
     * (which takes the captured values, then the index).
     */
    void replace(LambdaSite site, int index, String owner, String factory, String factoryDesc) {
        InsnList code = site.code();
        code.insertBefore(site.instruction(), SharedLambdaClass.push(index));
        code.set(site.instruction(), new MethodInsnNode(Opcodes.INVOKESTATIC, owner, factory, factoryDesc, false));
        changed = true;
    }

    /** Adds the accessors made for the sites to the class; called once, after every site is replaced. */
    void finish() {
        node.methods.addAll(accessors);
    }

    /**
     * An {@code invokespecial} handle of another class would be a call to a superclass's method without dispatch
     * ({@code super::m}); javac compiles those into a {@code lambda$} bridge, so such a site is left as it is.
     */
    private boolean rewritable(Handle impl) {
        return impl.getTag() != Opcodes.H_INVOKESPECIAL || impl.getOwner().equals(node.name);
    }

    /**
     * What a generated class (in this class's package) calls for an implementation handle. javac's static
     * {@code lambda$} bodies lose their {@code private} (static methods are not overridden, and the name is javac's
     * own) and are called directly; anything else goes through a static accessor added to this class, which has the
     * access the handle was resolved with (private members, nestmates' members, protected members of a superclass).
     */
    CallTarget target(Handle impl) {
        MethodNode own = impl.getOwner().equals(node.name) ? method(impl.getName(), impl.getDesc()) : null;
        if (impl.getTag() == Opcodes.H_INVOKESTATIC && own != null && own.name.startsWith("lambda$")
                && (own.access & Opcodes.ACC_SYNTHETIC) != 0) {
            own.access &= ~Opcodes.ACC_PRIVATE;
            if (isInterface) {
                own.access |= Opcodes.ACC_PUBLIC;
            }
            return new CallTarget(node.name, own.name, own.desc, isInterface);
        }
        MethodNode accessor = accessor(impl, own != null && (own.access & Opcodes.ACC_PRIVATE) != 0);
        accessors.add(accessor);
        return new CallTarget(node.name, accessor.name, accessor.desc, isInterface);
    }

    private MethodNode accessor(Handle impl, boolean privateHere) {
        Type implType = Type.getMethodType(impl.getDesc());
        Type owner = Type.getObjectType(impl.getOwner());
        List<Type> params = new ArrayList<>();
        Type returns = implType.getReturnType();
        int tag = impl.getTag();
        if (tag == Opcodes.H_NEWINVOKESPECIAL) {
            returns = owner;
        } else if (tag != Opcodes.H_INVOKESTATIC) {
            params.add(owner);
        }
        params.addAll(List.of(implType.getArgumentTypes()));
        String name = "lambda$desugar$" + accessors.size();
        while (!methodNames.add(name)) {
            name += "$";
        }
        int access = Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC | (isInterface ? Opcodes.ACC_PUBLIC : 0);
        MethodNode accessor = new MethodNode(access, name,
                Type.getMethodDescriptor(returns, params.toArray(Type[]::new)), null, null);
        InsnList code = accessor.instructions;
        if (tag == Opcodes.H_NEWINVOKESPECIAL) {
            code.add(new TypeInsnNode(Opcodes.NEW, impl.getOwner()));
            code.add(new InsnNode(Opcodes.DUP));
        }
        int slot = 0;
        for (Type param : params) {
            code.add(new VarInsnNode(param.getOpcode(Opcodes.ILOAD), slot));
            slot += param.getSize();
        }
        String implName = tag == Opcodes.H_NEWINVOKESPECIAL ? "<init>" : impl.getName();
        code.add(new MethodInsnNode(opcode(tag, privateHere, impl), impl.getOwner(), implName, impl.getDesc(),
                impl.isInterface()));
        code.add(new InsnNode(returns.getOpcode(Opcodes.IRETURN)));
        return accessor;
    }

    private int opcode(int tag, boolean privateHere, Handle impl) {
        return switch (tag) {
            case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
            case Opcodes.H_NEWINVOKESPECIAL -> Opcodes.INVOKESPECIAL;
            // A private method of this class: invokespecial works in every class-file version (invokevirtual on a
            // private method needs Java 11's nestmates). A nestmate's private method: the handle's own kind.
            case Opcodes.H_INVOKESPECIAL, Opcodes.H_INVOKEVIRTUAL, Opcodes.H_INVOKEINTERFACE -> privateHere
                    ? Opcodes.INVOKESPECIAL
                    : impl.isInterface() ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL;
            default -> throw new IllegalArgumentException(
                    "method handle kind " + tag + " in a lambda site of " + node.name);
        };
    }

    private MethodNode method(String name, String desc) {
        for (MethodNode m : node.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) {
                return m;
            }
        }
        return null;
    }

    /** A static method a generated class calls: javac's lambda body, or an accessor of the host. */
    record CallTarget(String owner, String name, String desc, boolean ownerIsInterface) {
    }
}
