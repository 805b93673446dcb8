#pragma once
// A fresh store filled with the demo data (200 random households, seed 1, plus the personas).

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "../store/store_fixture.hpp"
#include "spmis/demo/demo_data.hpp"
#include "spmis/demo/personas.hpp"
#include "support/test_database.hpp"

namespace spmis::programs::testing {

class DemoStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = test::open_test_store(dir_.path());
        ASSERT_TRUE(opened.ok()) << opened.status().to_string();
        store_ = std::move(*opened);
        auto summary = demo::generate_demo(*store_, demo::DemoOptions{200, 1, nullptr});
        ASSERT_TRUE(summary.ok()) << summary.status().to_string();
    }

    model::Program program(const std::string& code) {
        auto p = store_->programs().find_program_by_code(code);
        EXPECT_TRUE(p.ok() && p->has_value()) << code;
        return p.ok() && p->has_value() ? **p : model::Program{};
    }

    test::TestDatabase database_;  // PostgreSQL when SPMIS_TEST_BACKEND=postgres; else nothing
    store::testing::TempDir dir_;
    std::unique_ptr<store::Store> store_;
};

}  // namespace spmis::programs::testing
