#include "resolver.hpp"

#include <algorithm>
#include <string_view>

#include "functions.hpp"
#include "parser.hpp"
#include "spmis/cel/logic_pack.hpp"

namespace spmis::cel {
namespace {

struct OperatorSpec {
    std::string_view name;
    Op op;
};

constexpr OperatorSpec kOperators[] = {
    {"_&&_", Op::kAnd},   {"_||_", Op::kOr},    {"!_", Op::kNot},         {"-_", Op::kNeg},
    {"_?_:_", Op::kCond}, {"_+_", Op::kAdd},    {"_-_", Op::kSub},        {"_*_", Op::kMul},
    {"_/_", Op::kDiv},    {"_%_", Op::kMod},    {"_==_", Op::kEq},        {"_!=_", Op::kNe},
    {"_<_", Op::kLt},     {"_<=_", Op::kLe},    {"_>_", Op::kGt},         {"_>=_", Op::kGe},
    {"@in", Op::kIn},     {"_[_]", Op::kIndex}, {"_[?_]", Op::kOptIndex},
};

constexpr std::string_view kTypeNames[] = {"int",  "uint", "double",    "bool", "string",       "bytes",
                                           "list", "map",  "null_type", "type", "optional_type"};

class Resolver {
public:
    Resolver(ProgramImpl* impl, const CompileOptions& options, ResolveError* error)
        : impl_(impl), options_(options), error_(error) {}

    bool node(Node& n) {
        switch (n.op) {
            case Op::kIdent: return ident(n);
            case Op::kSelect: return select(n);
            case Op::kCall: return call(n);
            case Op::kComprehension: return comprehension(n);
            default: return kids(n);
        }
    }

private:
    bool fail(std::uint32_t pos, std::string message) {
        error_->pos = pos;
        error_->message = std::move(message);
        return false;
    }

    bool kids(Node& n) {
        return std::all_of(n.kids.begin(), n.kids.end(), [this](const NodePtr& k) { return node(*k); });
    }

    int local_slot(const std::string& name) const {
        for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
            if (it->first == name) {
                return it->second;
            }
        }
        return -1;
    }

    int variable_slot(std::string_view name) const {
        auto it = std::find(options_.variables.begin(), options_.variables.end(), name);
        return it == options_.variables.end() ? -1 : static_cast<int>(it - options_.variables.begin());
    }

    bool ident(Node& n) {
        if (int slot = local_slot(n.name); slot >= 0) {
            n.op = Op::kLocal;
            n.slot = slot;
            return true;
        }
        if (int slot = variable_slot(n.name); slot >= 0) {
            n.op = Op::kVariable;
            n.slot = slot;
            return true;
        }
        if (std::find(std::begin(kTypeNames), std::end(kTypeNames), n.name) != std::end(kTypeNames)) {
            n.op = Op::kLiteral;
            n.value = Value::type(n.name);
            return true;
        }
        std::string message = "undeclared reference to '" + n.name + "'";
        if (options_.allow_undeclared) {
            n.op = Op::kErrorNode;
            n.value = Value::error(message);
            return true;
        }
        return fail(n.pos, message);
    }

    // "a.b.c" when n is a chain of selects over a plain identifier, else "".
    static std::string qualified_name(const Node& n) {
        if (n.op == Op::kIdent) {
            return n.name;
        }
        if (n.op != Op::kSelect) {
            return "";
        }
        std::string prefix = qualified_name(*n.kids[0]);
        return prefix.empty() ? "" : prefix + "." + n.name;
    }

    bool is_unbound_root(const Node& n) const {
        const Node* root = &n;
        while (root->op == Op::kSelect) {
            root = root->kids[0].get();
        }
        return root->op == Op::kIdent && local_slot(root->name) < 0 && variable_slot(root->name) < 0;
    }

    bool select(Node& n) {
        const Node& target = *n.kids[0];
        if (target.op == Op::kIdent && target.name == "variables" && options_.logic_pack != nullptr &&
            local_slot("variables") < 0) {
            return logic_variable(n);
        }
        if (is_unbound_root(n)) {
            std::string q = qualified_name(n);
            if (q == "google.protobuf.Timestamp" || q == "google.protobuf.Duration") {
                n.op = Op::kLiteral;
                n.value = Value::type(q);
                n.kids.clear();
                return true;
            }
        }
        return kids(n);
    }

    bool logic_variable(Node& n) {
        const std::string& name = n.name;
        if (auto it = std::find(impl_->logic_names.begin(), impl_->logic_names.end(), name);
            it != impl_->logic_names.end()) {
            n.slot = static_cast<int>(it - impl_->logic_names.begin());
            n.kids.clear();
            bind_logic_variable(n);
            return true;
        }
        if (auto it = std::find(in_progress_.begin(), in_progress_.end(), name); it != in_progress_.end()) {
            std::string cycle;
            for (; it != in_progress_.end(); ++it) {
                cycle += *it + " -> ";
            }
            return fail(n.pos, "cycle in variables: " + cycle + name);
        }
        const std::string* source = options_.logic_pack->find(name);
        if (source == nullptr) {
            return fail(n.pos, "unknown variable 'variables." + name + "'");
        }
        ParseError perr;
        NodePtr root = parse(*source, &perr);
        if (!root) {
            return fail(n.pos, "in variables." + name + ": " + perr.message);
        }
        in_progress_.push_back(name);
        auto saved_scope = std::move(scope_);
        scope_.clear();
        bool ok = node(*root);
        scope_ = std::move(saved_scope);
        in_progress_.pop_back();
        if (!ok) {
            if (error_->message.rfind("in variables.", 0) != 0 && error_->message.rfind("cycle", 0) != 0) {
                error_->message = "in variables." + name + ": " + error_->message;
            }
            error_->pos = n.pos;
            return false;
        }
        impl_->logic_names.push_back(name);
        impl_->logic_nodes.push_back(std::move(root));
        n.slot = static_cast<int>(impl_->logic_nodes.size() - 1);
        n.kids.clear();
        bind_logic_variable(n);
        return true;
    }

    // A reference to logic variable n.slot: constants are inlined, the rest memoized.
    void bind_logic_variable(Node& n) const {
        const Node& def = *impl_->logic_nodes[static_cast<std::size_t>(n.slot)];
        if (def.op == Op::kLiteral) {
            n.op = Op::kLiteral;
            n.value = def.value;
            return;
        }
        n.op = Op::kLogicVariable;
    }

    // `math.greatest(...)`: a receiver call on an unbound dotted name that spells a namespaced
    // library function becomes a plain call of that function (a bound variable `math` wins).
    void qualify_function(Node& n) const {
        if (!n.receiver || !is_unbound_root(*n.kids[0])) {
            return;
        }
        std::string qualified = qualified_name(*n.kids[0]);
        if (qualified.empty() || find_function(qualified + "." + n.name) == nullptr) {
            return;
        }
        n.name = qualified + "." + n.name;
        n.receiver = false;
        n.kids.erase(n.kids.begin());
    }

    bool call(Node& n) {
        qualify_function(n);
        if (!n.receiver && n.kids.size() == 1 && (n.name == "has_tag" || n.name == "in_area_tree")) {
            // Global forms refer to the registrant the rule is about.
            NodePtr subject = make_node(Op::kIdent, n.pos);
            subject->name = variable_slot("individual") >= 0 ? "individual" : "group";
            n.kids.insert(n.kids.begin(), std::move(subject));
        }
        if (!kids(n)) {
            return false;
        }
        for (const OperatorSpec& spec : kOperators) {
            if (spec.name == n.name) {
                n.op = spec.op;
                return true;
            }
        }
        // opt.or(b) and opt.orValue(b) short-circuit: b is evaluated only when opt is none.
        if (n.receiver && n.kids.size() == 2 && (n.name == "or" || n.name == "orValue")) {
            n.op = n.name == "or" ? Op::kOptOr : Op::kOptOrValue;
            return true;
        }
        // x.filter(v, p).size() counts without building the filtered list.
        if (n.name == "size" && n.kids.size() == 1 && n.kids[0]->op == Op::kComprehension &&
            n.kids[0]->macro == Macro::kFilter) {
            NodePtr inner = std::move(n.kids[0]);
            inner->macro = Macro::kCount;
            n.op = Op::kComprehension;
            n.macro = Macro::kCount;
            n.name = inner->name;
            n.slot = inner->slot;
            n.kids = std::move(inner->kids);
            return true;
        }
        n.fn = find_function(n.name);
        n.op = n.fn != nullptr ? Op::kFunction : Op::kUnknownFunction;
        return true;
    }

    bool comprehension(Node& n) {
        if (!node(*n.kids[0])) {
            return false;
        }
        n.slot = impl_->local_count++;
        scope_.emplace_back(n.name, n.slot);
        if (!n.name2.empty()) {
            n.slot2 = impl_->local_count++;
            scope_.emplace_back(n.name2, n.slot2);
        }
        for (std::size_t k = 1; k < n.kids.size(); ++k) {
            if (!node(*n.kids[k])) {
                return false;
            }
        }
        scope_.resize(scope_.size() - (n.name2.empty() ? 1 : 2));
        return true;
    }

    ProgramImpl* impl_;
    const CompileOptions& options_;
    ResolveError* error_;
    std::vector<std::pair<std::string, int>> scope_;
    std::vector<std::string> in_progress_;
};

}  // namespace

bool resolve_program(ProgramImpl* impl, const CompileOptions& options, ResolveError* error) {
    Resolver r(impl, options, error);
    return r.node(*impl->root);
}

}  // namespace spmis::cel
