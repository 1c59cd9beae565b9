package dev.runway.deployments.boundary;

import dev.runway.deployments.control.Deployments;
import dev.runway.deployments.control.DeploymentsFile;
import dev.runway.deployments.entity.Deployment;
import dev.runway.platform.control.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies the deployments file ({@code runway.deployments.file}) once at startup, before the runner
 * claims anything: each entry is upserted by flow and name, in a transaction of its own, with the
 * API's validation. A bad entry is logged and skipped; a file that cannot be read is logged and
 * nothing else stops.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "Deployments"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeploymentsFileApplier {

  private static final Logger LOG = System.getLogger(DeploymentsFileApplier.class.getName());

  @Inject
  @ConfigProperty(name = "runway.deployments.file")
  Optional<String> file;

  @EJB Deployments deployments;

  @PostConstruct
  void apply() {
    file.filter(name -> !name.isBlank()).map(Path::of).ifPresent(this::apply);
  }

  private void apply(Path path) {
    List<DeploymentsFile.Entry> entries;
    try {
      entries = DeploymentsFile.read(path);
    } catch (DeploymentsFile.Unreadable e) {
      LOG.log(
          Level.ERROR,
          "Deployments file not applied, the runner starts without it: {0}",
          e.getMessage());
      return;
    }
    long applied = entries.stream().filter(entry -> applied(path, entry)).count();
    LOG.log(
        Level.INFO,
        "Deployments file {0}: {1} of {2} deployments applied",
        path,
        applied,
        entries.size());
  }

  private boolean applied(Path path, DeploymentsFile.Entry entry) {
    if (!entry.applicable()) {
      refused(path, entry, entry.refusal());
      return false;
    }
    try {
      boolean existed =
          deployments.findByName(entry.request().flowName(), entry.request().name()).isPresent();
      Deployment deployment = deployments.upsert(entry.request());
      LOG.log(
          Level.INFO,
          "Deployments file {0}: {1} {2}, id {3}",
          path,
          entry.label(),
          existed ? "replaced" : "created",
          deployment.getId());
      return true;
    } catch (ProblemException e) {
      refused(path, entry, DeploymentsFile.describe(e));
    } catch (EJBException e) {
      refused(path, entry, String.valueOf(e.getCause()));
    }
    return false;
  }

  private static void refused(Path path, DeploymentsFile.Entry entry, String why) {
    LOG.log(
        Level.WARNING,
        "Deployments file {0}: entry [{1}] ({2}) not applied, the others are: {3}",
        path,
        entry.index(),
        entry.label(),
        why);
  }
}
