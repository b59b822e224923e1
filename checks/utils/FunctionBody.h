//===--- FunctionBody.h - a function's own code -----------------*- C++ -*-===//
//
// Where a function's code is and which statements are its own: the body as
// written, the definition to read for a declaration, the statements a body
// evaluates itself (not those of the lambdas and local classes it defines),
// and the function and statements around a statement.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_FUNCTIONBODY_H
#define COROSCOPE_CHECKS_UTILS_FUNCTIONBODY_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace clang::tidy::coroscope {

class ExceptionPaths;
class FunctionFlow;

/// The body as the user wrote it: for a coroutine, the statement inside the
/// compiler's CoroutineBodyStmt (without its initial and final suspension and
/// implicit `co_return`); otherwise the body. Null without one.
const Stmt *writtenBody(const FunctionDecl &Function);

/// The definition of \p Function, or, when it has not been instantiated, of
/// the template member it would be instantiated from; null without either.
const FunctionDecl *definitionOrPattern(const FunctionDecl &Function);

/// The definition of \p Record, or, for a specialization or member class that
/// has not been instantiated yet, of the template pattern it would come from;
/// null without either.
const CXXRecordDecl *definitionOrPattern(const CXXRecordDecl &Record);

/// Calls \p Visit on every statement and expression that running \p Root
/// evaluates in its own function, in source order: not the bodies of lambdas
/// or local classes it defines (a lambda's captures are initialized here and
/// are visited), nor the awaiter calls the compiler adds to `co_await`. For a
/// coroutine's body this is the code as the user wrote it.
void forEachOwnStatement(const Stmt &Root,
                         llvm::function_ref<void(const Stmt &)> Visit);

/// The roots of the code \p Function evaluates itself: a constructor's
/// member initializers, then its body.
llvm::SmallVector<const Stmt *, 4> ownRoots(const FunctionDecl &Function);

/// Calls \p Visit, as the overload above does, on the statements under each
/// of \p Function's own roots.
void forEachOwnStatement(const FunctionDecl &Function,
                         llvm::function_ref<void(const Stmt &)> Visit);

/// Calls \p Visit on \p Root and every statement and expression under it,
/// the bodies of the lambdas it defines included (not those of local
/// classes).
void forEachStatement(const Stmt &Root,
                      llvm::function_ref<void(const Stmt &)> Visit);

/// True when \p Function's own code holds errors, as half-typed code does in
/// clangd: the function's declaration is invalid, an expression holds
/// errors, a local or a handler names an unknown type, or, when the
/// translation unit has errors at all, text in a block of its body is
/// accounted for by no statement (the parser dropped a statement it could
/// not read, as `if (ep` before a `}`). An analysis of the function's paths
/// would conclude from what is missing; errors elsewhere in the unit do not
/// concern the function.
bool holdsErrors(const FunctionDecl &Function, ASTContext &Context);

/// The statement directly holding each statement under one or more roots,
/// linked in one walk, in time proportional to the code under them.
class StatementParents {
public:
  StatementParents() = default;
  explicit StatementParents(const Stmt &Root) { add(Root); }

  /// Links \p Root, a root itself, and every statement under it. An
  /// expression the compiler shares between two parents (a `co_await`'s
  /// operand reappears in the awaiter it makes) keeps its written parent,
  /// which children() lists first.
  void add(const Stmt &Root);

  bool contains(const Stmt &S) const { return Parents.contains(&S); }
  /// The statement holding \p S; null for a root or a statement not linked.
  const Stmt *parent(const Stmt &S) const { return Parents.lookup(&S); }

private:
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
};

/// The functions the MatchFinder walks into, each handed to the checks that
/// ask for them, and the function and statements around each statement.
///
/// One index serves every coroscope check registered with a MatchFinder: a
/// matcher per check for each function of the unit would be tried on every
/// function declaration, system headers included, once per check.
///
/// `ASTContext::getParents` answers the same questions, but its first call
/// indexes every node of the unit (system headers, type locations and
/// template instantiations included): a quarter of clang-tidy's parse time
/// and as much memory again as the AST. This index knows only the functions
/// the walk is inside and links the statements of one of them when a check
/// first asks about it, in time proportional to that function.
class EnclosingFunctions : public ast_matchers::MatchFinder::MatchCallback {
public:
  using FunctionVisitor =
      std::function<void(const FunctionDecl &Function, ASTContext &Context)>;

  /// The index of \p Finder's walk, shared by the checks registered with it.
  /// The first call registers the matcher through which the walk reports
  /// each function it enters; a check calls it before adding matchers of its
  /// own, so that the index knows a function before its statements match.
  static std::shared_ptr<EnclosingFunctions>
  of(ast_matchers::MatchFinder &Finder);

  /// Calls \p Visit with each function, lambda or method definition outside
  /// system headers, template instantiations included, as the walk enters it
  /// (before any of its statements is matched).
  void onEachFunction(FunctionVisitor Visit) {
    Visitors.push_back(std::move(Visit));
  }

  ~EnclosingFunctions() override;
  void run(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  /// The name `--enable-check-profile` reports the index's time under, that
  /// of the checks' function visitors included.
  StringRef getID() const override { return "coroscope-functions"; }

  /// The flow of \p Function (FunctionFlow::build), built on the first
  /// question and shared by the checks while the walk is inside \p Function
  /// (for a function it does not enter, such as an instantiation of a
  /// generic lambda, while it is inside the function that asked); null when
  /// it cannot be built or the walk is inside no function.
  const FunctionFlow *flowOf(const FunctionDecl &Function, ASTContext &Context);

  /// The paths through \p Function's handlers, over its flow, shared as the
  /// flow is; null when there is no flow.
  ExceptionPaths *exceptionPathsOf(const FunctionDecl &Function,
                                   ASTContext &Context);

  /// The function or lambda whose body \p S belongs to, or null (also for the
  /// functions of system headers). A statement inside a lambda belongs to the
  /// lambda, not to the function around it.
  const FunctionDecl *enclosingFunction(const Stmt &S);

  /// Calls \p Visit for each statement enclosing \p S in its own function
  /// (or lambda), innermost first, with the child on the way from \p S;
  /// stops when Visit returns true, and returns whether it did.
  bool anyEnclosingStmt(
      const Stmt &S,
      llvm::function_ref<bool(const Stmt &Parent, const Stmt &Child)> Visit);

  /// The statement directly around \p S in its function, or null.
  const Stmt *parent(const Stmt &S);

  /// The local variable \p Init initializes, or null.
  const VarDecl *initializedVariable(const Expr &Init);

  /// True when \p S lies inside a `catch` handler of its function, where the
  /// language forbids `co_await`.
  bool isInsideHandler(const Stmt &S);

private:
  /// What the checks share about one function, built on the first question.
  struct Analyses {
    Analyses();
    ~Analyses();
    Analyses(Analyses &&);
    std::optional<std::unique_ptr<FunctionFlow>> Flow;
    std::unique_ptr<ExceptionPaths> Paths;
  };
  /// A function the walk is inside; Parents are linked on the first
  /// question.
  struct Function {
    const FunctionDecl *Decl;
    std::optional<StatementParents> Parents;
    Analyses Own;
    /// Those of functions the walk does not enter, asked about while it is
    /// inside this one.
    std::vector<std::pair<const FunctionDecl *, Analyses>> Others;
  };

  /// The analyses of \p Decl while the walk is where it is; null when it is
  /// inside no function.
  Analyses *analysesOf(const FunctionDecl &Decl);

  bool mayContain(const FunctionDecl &Decl, SourceLocation Loc) const;
  /// The innermost function on the walk's path whose statements include \p S.
  Function *holding(const Stmt &S);
  /// Walks up from \p S as anyEnclosingStmt does; returns the function or
  /// lambda it belongs to, or null when Visit stopped the walk or none does.
  const FunctionDecl *
  walkUp(const Stmt &S,
         llvm::function_ref<bool(const Stmt &Parent, const Stmt &Child)> Visit);

  std::vector<FunctionVisitor> Visitors;
  const SourceManager *Sources = nullptr;
  /// The functions the walk is inside, outermost first.
  llvm::SmallVector<Function, 4> Inside;
};

} // namespace clang::tidy::coroscope

#endif
