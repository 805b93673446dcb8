#include "parser.hpp"

#include <limits>
#include <vector>

#include "lexer.hpp"
#include "macros.hpp"
#include "spmis/cel/tuning.hpp"

namespace spmis::cel {
namespace {

class Parser {
public:
    Parser(std::vector<Token> toks, ParseError* err) : toks_(std::move(toks)), err_(err) {}

    NodePtr run() {
        NodePtr e = expr();
        if (e && peek().kind != Tok::kEnd) {
            return fail(peek().pos, "unexpected token after end of expression");
        }
        return e;
    }

private:
    const Token& peek(std::size_t ahead = 0) const {
        std::size_t k = i_ + ahead;
        return k < toks_.size() ? toks_[k] : toks_.back();
    }
    bool accept(Tok t) {
        if (peek().kind == t) {
            ++i_;
            return true;
        }
        return false;
    }
    NodePtr fail(std::uint32_t pos, std::string msg) {
        if (!failed_) {
            failed_ = true;
            err_->pos = pos;
            err_->message = std::move(msg);
        }
        return nullptr;
    }
    bool expect(Tok t, const char* what) {
        if (accept(t)) {
            return true;
        }
        fail(peek().pos, std::string("expected ") + what);
        return false;
    }
    // Attaches kids and checks the tree height stays bounded.
    NodePtr finish(NodePtr n) {
        std::uint32_t h = 0;
        for (const auto& k : n->kids) {
            h = std::max(h, k->depth);
        }
        n->depth = h + 1;
        if (n->depth > tuning::kCelMaxTreeHeight) {
            return fail(n->pos, "expression nested too deeply");
        }
        return n;
    }
    NodePtr binary(const char* fn, std::uint32_t pos, NodePtr a, NodePtr b) {
        NodePtr n = make_node(Op::kCall, pos);
        n->name = fn;
        n->kids.push_back(std::move(a));
        n->kids.push_back(std::move(b));
        return finish(std::move(n));
    }

    struct DepthGuard {
        Parser* p;
        explicit DepthGuard(Parser* parser) : p(parser) { ++p->depth_; }
        ~DepthGuard() { --p->depth_; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;
    };

    NodePtr expr() {
        DepthGuard guard(this);
        if (depth_ > tuning::kCelMaxNestingDepth) {
            return fail(peek().pos, "expression nested too deeply");
        }
        NodePtr cond = logical(Tok::kOr);
        if (!cond || peek().kind != Tok::kQuestion) {
            return cond;
        }
        std::uint32_t pos = peek().pos;
        ++i_;
        NodePtr a = logical(Tok::kOr);
        if (!a || !expect(Tok::kColon, "':'")) {
            return nullptr;
        }
        NodePtr b = expr();
        if (!b) {
            return nullptr;
        }
        NodePtr n = make_node(Op::kCall, pos);
        n->name = "_?_:_";
        n->kids.push_back(std::move(cond));
        n->kids.push_back(std::move(a));
        n->kids.push_back(std::move(b));
        return finish(std::move(n));
    }

    // a || b || c (or &&) as one n-ary node so long chains stay flat.
    NodePtr logical(Tok op) {
        NodePtr first = op == Tok::kOr ? logical(Tok::kAnd) : relation();
        if (!first || peek().kind != op) {
            return first;
        }
        NodePtr n = make_node(Op::kCall, peek().pos);
        n->name = op == Tok::kOr ? "_||_" : "_&&_";
        n->kids.push_back(std::move(first));
        while (accept(op)) {
            NodePtr next = op == Tok::kOr ? logical(Tok::kAnd) : relation();
            if (!next) {
                return nullptr;
            }
            n->kids.push_back(std::move(next));
        }
        return finish(std::move(n));
    }

    static const char* relop(Tok t) {
        switch (t) {
            case Tok::kEq: return "_==_";
            case Tok::kNe: return "_!=_";
            case Tok::kLt: return "_<_";
            case Tok::kLe: return "_<=_";
            case Tok::kGt: return "_>_";
            case Tok::kGe: return "_>=_";
            case Tok::kIn: return "@in";
            default: return nullptr;
        }
    }

    NodePtr relation() {
        NodePtr left = additive();
        while (left) {
            const char* fn = relop(peek().kind);
            if (fn == nullptr) {
                break;
            }
            std::uint32_t pos = peek().pos;
            ++i_;
            NodePtr right = additive();
            if (!right) {
                return nullptr;
            }
            left = binary(fn, pos, std::move(left), std::move(right));
        }
        return left;
    }

    NodePtr additive() {
        NodePtr left = multiplicative();
        while (left && (peek().kind == Tok::kPlus || peek().kind == Tok::kMinus)) {
            const char* fn = peek().kind == Tok::kPlus ? "_+_" : "_-_";
            std::uint32_t pos = peek().pos;
            ++i_;
            NodePtr right = multiplicative();
            if (!right) {
                return nullptr;
            }
            left = binary(fn, pos, std::move(left), std::move(right));
        }
        return left;
    }

    NodePtr multiplicative() {
        NodePtr left = unary();
        while (left) {
            Tok t = peek().kind;
            const char* fn = t == Tok::kStar      ? "_*_"
                             : t == Tok::kSlash   ? "_/_"
                             : t == Tok::kPercent ? "_%_"
                                                  : nullptr;
            if (fn == nullptr) {
                break;
            }
            std::uint32_t pos = peek().pos;
            ++i_;
            NodePtr right = unary();
            if (!right) {
                return nullptr;
            }
            left = binary(fn, pos, std::move(left), std::move(right));
        }
        return left;
    }

    NodePtr wrap_unary(const char* fn, std::uint32_t pos, NodePtr operand, std::size_t count) {
        for (std::size_t k = 0; k < count && operand; ++k) {
            NodePtr n = make_node(Op::kCall, pos);
            n->name = fn;
            n->kids.push_back(std::move(operand));
            operand = finish(std::move(n));
        }
        return operand;
    }

    NodePtr unary() {
        std::uint32_t pos = peek().pos;
        if (peek().kind == Tok::kNot) {
            std::size_t count = 0;
            while (accept(Tok::kNot)) {
                ++count;
            }
            return wrap_unary("!_", pos, member(), count);
        }
        if (peek().kind != Tok::kMinus) {
            return member();
        }
        std::size_t count = 0;
        while (accept(Tok::kMinus)) {
            ++count;
        }
        Tok after = peek(1).kind;
        if (peek().kind == Tok::kInt && after != Tok::kDot && after != Tok::kLBracket) {
            // Fold one minus into the literal so -9223372036854775808 is representable.
            const Token& lit = toks_[i_++];
            constexpr std::uint64_t kMinMagnitude = std::uint64_t{1} << 63;
            if (lit.u > kMinMagnitude) {
                return fail(lit.pos, "integer literal out of range");
            }
            NodePtr n = make_node(Op::kLiteral, lit.pos);
            n->value = Value::integer(lit.u == kMinMagnitude ? std::numeric_limits<std::int64_t>::min()
                                                             : -static_cast<std::int64_t>(lit.u));
            return wrap_unary("-_", pos, std::move(n), count - 1);
        }
        return wrap_unary("-_", pos, member(), count);
    }

    NodePtr member() {
        NodePtr target = primary();
        while (target) {
            std::uint32_t pos = peek().pos;
            if (accept(Tok::kDot)) {
                if (accept(Tok::kQuestion)) {
                    target = optional_select(std::move(target));
                    continue;
                }
                const Token& t = peek();
                if (t.kind != Tok::kIdent && t.kind != Tok::kQuotedIdent) {
                    return fail(t.pos, "expected field name after '.'");
                }
                ++i_;
                if (t.kind == Tok::kIdent && peek().kind == Tok::kLParen) {
                    ++i_;
                    NodePtr call = make_node(Op::kCall, t.pos);
                    call->name = t.text;
                    call->receiver = true;
                    call->kids.push_back(std::move(target));
                    if (!args(call.get(), Tok::kRParen)) {
                        return nullptr;
                    }
                    target = expand_macro(finish(std::move(call)), err_, &failed_);
                    continue;
                }
                NodePtr sel = make_node(Op::kSelect, t.pos);
                sel->name = t.text;
                sel->kids.push_back(std::move(target));
                target = finish(std::move(sel));
            } else if (accept(Tok::kLBracket)) {
                bool optional = accept(Tok::kQuestion);
                NodePtr index = expr();
                if (!index || !expect(Tok::kRBracket, "']'")) {
                    return nullptr;
                }
                target = binary(optional ? "_[?_]" : "_[_]", pos, std::move(target), std::move(index));
            } else {
                break;
            }
        }
        return target;
    }

    // `target.?field`: the field as an optional, none when absent.
    NodePtr optional_select(NodePtr target) {
        const Token& t = peek();
        if (t.kind != Tok::kIdent && t.kind != Tok::kQuotedIdent) {
            return fail(t.pos, "expected field name after '.?'");
        }
        ++i_;
        NodePtr sel = make_node(Op::kOptSelect, t.pos);
        sel->name = t.text;
        sel->kids.push_back(std::move(target));
        return finish(std::move(sel));
    }

    // An expression, or with `optional_entries` also `?expr` (an optional list element or map
    // value, left out when none).
    NodePtr entry(bool optional_entries) {
        std::uint32_t pos = peek().pos;
        if (!optional_entries || !accept(Tok::kQuestion)) {
            return expr();
        }
        NodePtr inner = expr();
        if (!inner) {
            return nullptr;
        }
        NodePtr n = make_node(Op::kOptElement, pos);
        n->kids.push_back(std::move(inner));
        return finish(std::move(n));
    }

    // Comma-separated expressions until `close` (a trailing comma is allowed).
    bool args(Node* into, Tok close, bool optional_entries = false) {
        while (!accept(close)) {
            NodePtr a = entry(optional_entries);
            if (!a) {
                return false;
            }
            into->kids.push_back(std::move(a));
            if (!accept(Tok::kComma)) {
                return expect(close, close == Tok::kRParen ? "')'" : "']'");
            }
        }
        return true;
    }

    NodePtr literal(Value v, std::uint32_t pos) {
        ++i_;
        NodePtr n = make_node(Op::kLiteral, pos);
        n->value = std::move(v);
        return n;
    }

    NodePtr primary() {
        const Token& t = peek();
        switch (t.kind) {
            case Tok::kInt:
                if (t.u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                    return fail(t.pos, "integer literal out of range");
                }
                return literal(Value::integer(static_cast<std::int64_t>(t.u)), t.pos);
            case Tok::kUint: return literal(Value::uinteger(t.u), t.pos);
            case Tok::kDouble: return literal(Value::dbl(t.d), t.pos);
            case Tok::kString: return literal(Value::string(t.text), t.pos);
            case Tok::kBytes: return literal(Value::bytes(t.text), t.pos);
            case Tok::kTrue: return literal(Value::boolean(true), t.pos);
            case Tok::kFalse: return literal(Value::boolean(false), t.pos);
            case Tok::kNull: return literal(Value::null(), t.pos);
            case Tok::kLParen: {
                ++i_;
                NodePtr e = expr();
                if (!e || !expect(Tok::kRParen, "')'")) {
                    return nullptr;
                }
                return e;
            }
            case Tok::kLBracket: {
                NodePtr n = make_node(Op::kList, t.pos);
                ++i_;
                if (!args(n.get(), Tok::kRBracket, true)) {
                    return nullptr;
                }
                return finish(std::move(n));
            }
            case Tok::kLBrace: return map_literal();
            case Tok::kDot:
                if (peek(1).kind == Tok::kIdent) {
                    ++i_;
                    return identifier();
                }
                break;
            case Tok::kIdent: return identifier();
            case Tok::kEnd: return fail(t.pos, "unexpected end of expression");
            default: break;
        }
        return fail(t.pos, "unexpected token");
    }

    NodePtr identifier() {
        const Token& t = toks_[i_++];
        if (peek().kind == Tok::kLBrace) {
            return fail(peek().pos, "message construction is not supported");
        }
        if (!accept(Tok::kLParen)) {
            NodePtr n = make_node(Op::kIdent, t.pos);
            n->name = t.text;
            return n;
        }
        NodePtr call = make_node(Op::kCall, t.pos);
        call->name = t.text;
        if (!args(call.get(), Tok::kRParen)) {
            return nullptr;
        }
        return expand_macro(finish(std::move(call)), err_, &failed_);
    }

    NodePtr map_literal() {
        NodePtr n = make_node(Op::kMap, peek().pos);
        ++i_;
        while (!accept(Tok::kRBrace)) {
            std::uint32_t pos = peek().pos;
            bool optional = accept(Tok::kQuestion);
            NodePtr k = expr();
            if (!k || !expect(Tok::kColon, "':'")) {
                return nullptr;
            }
            NodePtr v = expr();
            if (!v) {
                return nullptr;
            }
            if (optional) {
                NodePtr wrapped = make_node(Op::kOptElement, pos);
                wrapped->kids.push_back(std::move(v));
                v = finish(std::move(wrapped));
                if (!v) {
                    return nullptr;
                }
            }
            n->kids.push_back(std::move(k));
            n->kids.push_back(std::move(v));
            if (!accept(Tok::kComma)) {
                if (!expect(Tok::kRBrace, "'}'")) {
                    return nullptr;
                }
                break;
            }
        }
        return finish(std::move(n));
    }

    std::vector<Token> toks_;
    ParseError* err_;
    std::size_t i_ = 0;
    int depth_ = 0;
    bool failed_ = false;
};

}  // namespace

NodePtr parse(std::string_view source, ParseError* error) {
    if (source.size() > tuning::kCelMaxSourceBytes) {
        error->pos = 0;
        error->message = "expression too long";
        return nullptr;
    }
    std::vector<Token> toks;
    LexError lex_error;
    if (!lex(source, &toks, &lex_error)) {
        error->pos = lex_error.pos;
        error->message = lex_error.message;
        return nullptr;
    }
    return Parser(std::move(toks), error).run();
}

}  // namespace spmis::cel
