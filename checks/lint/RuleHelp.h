//===--- RuleHelp.h - the documentation of each check -----------*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_LINT_RULEHELP_H
#define COROSCOPE_CHECKS_LINT_RULEHELP_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::coroscope::lint {

/// docs/checks/<Check>.md, compiled in by gen_rule_help.py.
struct RuleHelp {
  llvm::StringRef Check;
  llvm::StringRef Summary;  ///< The page's first sentence.
  /// The page's opening paragraphs, before any heading, table or list.
  llvm::StringRef Description;
  llvm::StringRef Markdown; ///< The whole page.
};

/// nullptr when docs/checks has no page for \p Check.
const RuleHelp *findRuleHelp(llvm::StringRef Check);

} // namespace clang::tidy::coroscope::lint

#endif
