#include "spmis/cel/program.hpp"

#include <algorithm>
#include <cstddef>
#include <memory>

#include "eval.hpp"
#include "parser.hpp"
#include "program_impl.hpp"
#include "resolver.hpp"
#include "utf8.hpp"

namespace spmis::cel {
namespace {

constexpr std::size_t kInlineSlots = 6;

// Fills line, column (in code points) and the caret rendering of an error at byte `pos`.
CompileError describe(std::string_view source, std::uint32_t pos, const std::string& message) {
    pos = std::min<std::uint32_t>(pos, static_cast<std::uint32_t>(source.size()));
    std::size_t line_start = source.rfind('\n', pos == 0 ? 0 : pos - 1);
    line_start = (line_start == std::string_view::npos || pos == 0) ? 0 : line_start + 1;
    if (pos > 0 && source[pos - 1] == '\n') {
        line_start = pos;
    }
    std::size_t line_end = source.find('\n', line_start);
    std::string_view line = source.substr(
        line_start, line_end == std::string_view::npos ? std::string_view::npos : line_end - line_start);
    CompileError e;
    e.line = static_cast<int>(std::count(source.begin(), source.begin() + line_start, '\n')) + 1;
    std::string_view before = source.substr(line_start, pos - line_start);
    std::size_t bad = 0;
    e.column = static_cast<int>(valid_utf8(before, &bad) ? utf8_length(before) : before.size()) + 1;
    e.message = message;
    e.rendered = "ERROR: <input>:" + std::to_string(e.line) + ":" + std::to_string(e.column) + ": " +
                 message + "\n | " + std::string(line.substr(0, 200)) + "\n | " +
                 std::string(static_cast<std::size_t>(std::min(e.column - 1, 200)), '.') + "^";
    return e;
}

Status compile_failure(std::string_view source, std::uint32_t pos, const std::string& message,
                       CompileError* out) {
    CompileError e = describe(source, pos, message);
    Status s(ErrorCode::kRuleError, e.rendered);
    if (out != nullptr) {
        *out = std::move(e);
    }
    return s;
}

}  // namespace

void Activation::set(std::string name, Value value) {
    for (auto& [n, v] : values_) {
        if (n == name) {
            v = std::move(value);
            return;
        }
    }
    values_.emplace_back(std::move(name), std::move(value));
}

const Value* Activation::find(std::string_view name) const {
    for (const auto& [n, v] : values_) {
        if (n == name) {
            return &v;
        }
    }
    return nullptr;
}

Result<Program> Program::compile(std::string_view source, const CompileOptions& options,
                                 CompileError* error) {
    auto impl = std::make_shared<ProgramImpl>();
    impl->source = std::string(source);
    impl->variables = options.variables;
    impl->max_iterations = options.max_iterations;
    ParseError perr;
    impl->root = parse(impl->source, &perr);
    if (!impl->root) {
        return compile_failure(source, perr.pos, perr.message, error);
    }
    ResolveError rerr;
    if (!resolve_program(impl.get(), options, &rerr)) {
        return compile_failure(source, rerr.pos, rerr.message, error);
    }
    auto today = std::find(options.variables.begin(), options.variables.end(), "today");
    if (today != options.variables.end()) {
        impl->today_slot = static_cast<int>(today - options.variables.begin());
    }
    return Program(std::move(impl));
}

Value Program::evaluate(std::span<const Value> bindings) const {
    const ProgramImpl& p = *impl_;
    if (p.local_count == 0 && p.logic_nodes.empty() && bindings.size() >= p.variables.size()) {
        // Simple rules (`individual.age >= 60`): no locals, memos or padding to set up.
        EvalContext ctx;
        ctx.bindings = bindings.data();
        ctx.program = &p;
        ctx.budget = p.max_iterations;
        ctx.today = p.today_slot >= 0 ? &bindings[static_cast<std::size_t>(p.today_slot)] : nullptr;
        return eval(*p.root, ctx);
    }
    std::vector<Value> padded;
    if (bindings.size() < p.variables.size()) {
        padded.assign(bindings.begin(), bindings.end());
        for (std::size_t i = bindings.size(); i < p.variables.size(); ++i) {
            padded.push_back(Value::error("no value bound for '" + p.variables[i] + "'"));
        }
        bindings = padded;
    }
    // One stack buffer holds comprehension locals then logic-variable memos; only the slots the
    // rule needs are constructed, so simple rules pay nothing and none allocate.
    std::size_t locals = static_cast<std::size_t>(p.local_count);
    std::size_t slots = locals + p.logic_nodes.size();
    alignas(Value) std::byte raw[kInlineSlots * sizeof(Value)];
    std::uint8_t inline_state[kInlineSlots];
    std::vector<Value> heap_slots;
    std::vector<std::uint8_t> heap_state;
    Value* base = nullptr;
    std::uint8_t* state = inline_state;
    if (slots > kInlineSlots) {
        heap_slots.resize(slots);
        heap_state.resize(slots);
        base = heap_slots.data();
        state = heap_state.data();
    } else {
        base = std::uninitialized_value_construct_n(reinterpret_cast<Value*>(raw), slots) - slots;
        std::fill_n(inline_state, slots, std::uint8_t{0});
    }
    struct Destroy {
        Value* first;
        std::size_t n;
        ~Destroy() { std::destroy_n(first, n); }
    } destroy{base, slots > kInlineSlots ? 0 : slots};
    EvalContext ctx;
    ctx.bindings = bindings.data();
    ctx.program = &p;
    ctx.budget = p.max_iterations;
    ctx.locals = base;
    ctx.logic = base + locals;
    ctx.logic_state = state;
    ctx.today = p.today_slot >= 0 ? &bindings[static_cast<std::size_t>(p.today_slot)] : nullptr;
    return eval(*p.root, ctx);
}

Value Program::evaluate(const Activation& activation) const {
    std::vector<Value> bindings;
    bindings.reserve(impl_->variables.size());
    for (const std::string& name : impl_->variables) {
        const Value* v = activation.find(name);
        bindings.push_back(v != nullptr ? *v : Value::error("no value bound for '" + name + "'"));
    }
    return evaluate(bindings);
}

const std::string& Program::source() const { return impl_->source; }

int Program::variable_index(std::string_view name) const {
    auto it = std::find(impl_->variables.begin(), impl_->variables.end(), name);
    return it == impl_->variables.end() ? -1 : static_cast<int>(it - impl_->variables.begin());
}

}  // namespace spmis::cel
